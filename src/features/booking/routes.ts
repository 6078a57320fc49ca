import type { SubPackage } from '../../routes'

/** 长者饭堂 and the service stations: the booking feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const bookingRoutes = {
  booking: {
    root: 'features/booking',
    pages: {
      /** the hall's page, opened by its QR poster (?scene=h%3D…) or a link (?villageId=&hallId=): today's bookings, 签到, services */
      hall: 'pages/hall/index',
      /** one service's days and slots with seats left (?villageId=&serviceId=): book for me or family, waitlist */
      service: 'pages/service/index',
      /** 我的预约 (?villageId=): upcoming and past bookings, cancel */
      mine: 'pages/mine/index',
      /** 家人代订 (?villageId=): my household, who may book for me, for whom I may book */
      family: 'pages/family/index',
      /** staff: the hall's day list per slot (?villageId=&hallId=&date=): check in, no-show, walk-in, CSV */
      day: 'pages/day/index',
      /** staff: the kitchen's headcount for the next days (?villageId=&hallId=), CSV */
      headcount: 'pages/headcount/index',
      /** staff: the hall's services and the no-show limit (?villageId=&hallId=) */
      setup: 'pages/setup/index',
      /** staff: create or change a service (?villageId=&hallId=&serviceId=) */
      serviceEdit: 'pages/service-edit/index',
      /** staff: 长者登记 — members' birth years and no-shows (?villageId=) */
      people: 'pages/people/index',
      /** staff: the hall's QR poster (?villageId=&hallId=), printable on A4 */
      poster: 'pages/poster/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
