import type { SubPackage } from '../../routes'

/** The account feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const accountRoutes = {
  account: {
    root: 'features/account',
    pages: {
      join: 'pages/join/index',
      requests: 'pages/requests/index',
      notifications: 'pages/notifications/index',
      /** 村民户籍 (committee; grid workers read their grids): households by grid; 户代表, 户主, 网格, 注销成员 */
      register: 'pages/register/index',
      /** 我的个人信息: everything held about me, by section; 导出; 申请注销 */
      myData: 'pages/my-data/index',
      /** 我的记录 (?kind=): my votes with receipts, comments (edit, delete), proposals (withdraw), agreements, bookings, reports */
      record: 'pages/record/index',
      /** 注销申请 (committee): confirm a resident's deletion */
      deletions: 'pages/deletions/index',
      /** 本村二维码 (committee): the join code as a printable poster with the village's name */
      poster: 'pages/poster/index',
      /** the 体验身份 picker: only in the h5 build, which only the local runtime serves */
      identity: 'pages/identity/index',
    },
    h5Only: ['identity'],
  },
} as const satisfies Record<string, SubPackage>
