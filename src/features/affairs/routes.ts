import type { SubPackage } from '../../routes'

/** 村务公开: notices and the 小微权力清单. Pure data: the server imports it (through src/routes.ts) for its links. */
export const affairsRoutes = {
  affairs: {
    root: 'features/affairs',
    pages: {
      /** 村务公开's notices (?villageId=&category=): current first, unread marked */
      notices: 'pages/notices/index',
      /** one notice (?villageId=&noticeId=): opening it marks it read; share it into the village group */
      notice: 'pages/notice/index',
      /** the committee: publish a notice or correct one (?villageId=&noticeId=) */
      publish: 'pages/publish/index',
      /** 小微权力清单 (?villageId=): 职责, 协助, 禁入 */
      duties: 'pages/duties/index',
      /** one duty with its 办事指南 (?villageId=&dutyId=) */
      duty: 'pages/duty/index',
      /** the committee: add an item of the 小微权力清单 or edit one and its 办事指南 (?villageId=&dutyId=; none: new) */
      dutyEdit: 'pages/duty-edit/index',
      /** 财务公开 (?villageId=): a period's bars by category and its table; the committee imports its CSV */
      finance: 'pages/finance/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
