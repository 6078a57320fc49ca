/** The booking feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

// residents
export const getHallByScene = (scene: string) => call('booking.hallByScene', { scene })
export const listHalls = (villageId: string) => call('booking.halls', { villageId })
export const getHall = (villageId: string, hallId: string) => call('booking.hall', { villageId, hallId })
export const getDays = (villageId: string, serviceId: string) => call('booking.days', { villageId, serviceId })
export const book = (villageId: string, slotId: string, personId: string, waitlist: boolean) => call('booking.book', { villageId, slotId, personId, waitlist })
export const cancelBooking = (villageId: string, bookingId: string) => call('booking.cancel', { villageId, bookingId })
export const checkIn = (villageId: string, hallId: string, bookingId: string) => call('booking.checkIn', { villageId, hallId, bookingId })
export const getMine = (villageId: string) => call('booking.mine', { villageId })
export const getFamily = (villageId: string) => call('booking.family', { villageId })
export const authorize = (villageId: string, delegateId: string, personId?: string) => call('booking.authorize', { villageId, delegateId, personId })
export const revoke = (villageId: string, delegationId: string) => call('booking.revoke', { villageId, delegationId })

// staff
export const getDayList = (villageId: string, hallId: string, date: string) => call('booking.dayList', { villageId, hallId, date })
export const getHeadcount = (villageId: string, hallId: string) => call('booking.headcount', { villageId, hallId, days: 7 })
export const exportCsv = (villageId: string, hallId: string, kind: 'day' | 'headcount', date?: string) => call('booking.exportCsv', { villageId, hallId, kind, date })
export const markNoShow = (villageId: string, bookingId: string) => call('booking.markNoShow', { villageId, bookingId })
export const staffBook = (input: InputOf<'booking.staffBook'>) => call('booking.staffBook', input)
export const getPeople = (villageId: string, q?: string, after: string | null = null) => call('booking.people', { villageId, q, after })
/** SearchPick's search of the booking register: the residents whose name or 门牌号 holds what was typed (at the desk, who needs staff said too) */
export const peopleSearch = (villageId: string, staffNote = false) => async (term: string) =>
  (await getPeople(villageId, term)).people.map((p) => ({ id: p.personId, text: `${p.name}${p.doorplate ? `（${p.doorplate}）` : ''}${staffNote && p.needsStaff ? ' · 需现场办理' : ''}` }))
export const setPerson = (input: InputOf<'booking.setPerson'>) => call('booking.setPerson', input)
export const getSetup = (villageId: string, hallId: string) => call('booking.setup', { villageId, hallId })
export const searchHouseholds = (villageId: string, hallId: string, q: string) => call('booking.households', { villageId, hallId, q })
export const saveService = (input: InputOf<'booking.saveService'>) => call('booking.saveService', input)
export const setNoShowLimit = (villageId: string, noShowLimit: number | null) => call('booking.setNoShowLimit', { villageId, noShowLimit })
export const getPoster = (villageId: string, hallId: string) => call('booking.poster', { villageId, hallId })
