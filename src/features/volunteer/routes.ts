import type { SubPackage } from '../../routes'

/** 志愿服务: the volunteer feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const volunteerRoutes = {
  volunteer: {
    root: 'features/volunteer',
    pages: {
      /** the village's activities (?villageId=): upcoming and past, with my status */
      list: 'pages/list/index',
      /** one activity (?villageId=&activityId=, or its QR code's ?scene=a%3D…): sign up, waitlist, cancel, 签到; the organiser's roster and confirmation */
      activity: 'pages/activity/index',
      /** 志愿时长 (?villageId=): my hours and activities, the village's months and ranking */
      hours: 'pages/hours/index',
      /** 发布志愿活动 (?villageId=), or edit one (&activityId=): the committee or the organisation's organisers */
      edit: 'pages/edit/index',
      /** the organiser's check-in poster (?villageId=&activityId=), printable on A4: its code opens `activity` with scene a=<id> */
      poster: 'pages/poster/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
