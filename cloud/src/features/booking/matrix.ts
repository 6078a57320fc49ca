/** Who may call the booking actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, ROWS } from '../../matrix'
import type { booking } from './module'

/** the hall's staff (张秀英 works at 新山村党群服务中心) and the committee */
const HALL = allow('committee', 'hallStaff')
/** HALL, and town officers who read the hall's day */
const HALL_READERS = allow('committee', 'hallStaff', 'townOfficer')
/** the sample booking is 李桂兰's (booked by her son): she, her household (林水生), and the hall's staff and committee */
const HER_BOOKING = allow('resident', 'partyMember', 'committee', 'hallStaff')

export const bookingMatrix: Matrix<typeof booking.actions> = {
  // a poster is scanned by anyone, member or not: it names the hall and nothing more
  'booking.hallByScene': ROWS.anyone,
  'booking.halls': ROWS.members,
  'booking.hall': ROWS.members,
  'booking.days': ROWS.members,
  'booking.mine': ROWS.members,
  'booking.family': ROWS.members,
  // booking is the residents' (for themselves and their family); staff book at the desk with booking.staffBook
  'booking.book': ROWS.residents,
  'booking.authorize': ROWS.residents,
  'booking.cancel': HER_BOOKING,
  'booking.checkIn': HER_BOOKING,
  // the sample is 吴丽华's authorisation of 陈小红, recorded at the desk: neither is a persona, so staff only
  'booking.revoke': HALL,
  'booking.dayList': HALL_READERS,
  'booking.headcount': HALL_READERS,
  'booking.exportCsv': HALL_READERS,
  'booking.markNoShow': HALL,
  'booking.staffBook': HALL,
  'booking.people': HALL,
  'booking.setPerson': HALL,
  'booking.setup': HALL,
  'booking.households': HALL,
  'booking.saveService': HALL,
  'booking.setNoShowLimit': HALL,
  'booking.poster': HALL,
}
