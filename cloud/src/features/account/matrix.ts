/** Who may call the account feature's actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { ROWS } from '../../matrix'
import type { account } from './module'

export const accountMatrix: Matrix<typeof account.actions> = {
  'geo.tree': ROWS.anyone,
  'village.byScene': ROWS.anyone,
  'village.card': ROWS.anyone,
  'account.me': ROWS.anyone,
  // account.me and the figures of my village (none before I belong to one)
  'home.open': ROWS.anyone,
  // anyone may ask to join (a member of the village is told 您已是…的成员, an applicant that theirs is pending)
  'join.request': ROWS.anyone,
  'join.queue': ROWS.committee,
  'join.decide': ROWS.committee,
  'village.overview': ROWS.members,
  // a grid worker who is not on the committee gets the people of their own grids only
  'village.members': ROWS.committeeOrGrid,
  'village.poster': ROWS.committee,
  'notifications.list': ROWS.person,
  'notifications.read': ROWS.person,
  // a grid worker reads the households of their grids; only the committee changes the register
  'register.households': ROWS.committeeOrGrid,
  'register.setRep': ROWS.committee,
  'register.setHead': ROWS.committee,
  'register.moveHousehold': ROWS.committee,
  'register.endMembership': ROWS.committee,
  // 个人信息: what is held about me and asking for its deletion are every person's; the committee confirms
  'account.myData': ROWS.person,
  'account.requestDeletion': ROWS.person,
  'account.deletionRequests': ROWS.committee,
  'account.confirmDeletion': ROWS.committee,
  // 首页's 待办: every member's own, by role (staff get their role's queues or none)
  'account.todo': ROWS.members,
  // 我的记录: every member's own (a member who did nothing gets empty pages)
  'account.record': ROWS.members,
}
