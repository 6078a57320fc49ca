import type { SubPackage } from '../../routes'

/** 红黑榜 and 善行义举榜: the boards feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const boardsRoutes = {
  boards: {
    root: 'features/boards',
    pages: {
      /** the village's boards (?board=red|black|good&month=YYYY-MM): tabs, month picker, cards; the share card */
      board: 'pages/board/index',
      /** one entry (?entryId=): what, where, clause, who; for the committee, its appeal and the decision */
      entry: 'pages/entry/index',
      /** 我家的公示: my household's entries, those in their notice period with the deadline and 申诉 */
      mine: 'pages/mine/index',
      /** 推荐好人好事: nominate a neighbour; the 道德评议会 reviews the nominations here */
      nominations: 'pages/nominations/index',
      /** the road sections' running tallies, as a ranking */
      ranking: 'pages/ranking/index',
      /** committee: 榜单管理, entries by status; the village's 告知天数 / 有效期天数 */
      manage: 'pages/manage/index',
      /** committee: 新建榜单条目 */
      create: 'pages/create/index',
      /** committee: the 四会 and their members (appoint, remove) */
      councils: 'pages/councils/index',
      /** the month's published entries laid out for an A4 sheet (?month=), with 打印 (h5 only) */
      print: 'pages/print/index',
    },
    h5Only: ['print'],
  },
} as const satisfies Record<string, SubPackage>
