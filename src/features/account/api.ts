/** The account feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf, MyDataSectionKey } from '@contract'

export const getMe = () => call('account.me', {})
export const openHome = (villageId: string | undefined) => call('home.open', { villageId })
export const getGeoTree = () => call('geo.tree', {})
export const getVillageByScene = (scene: string) => call('village.byScene', { scene })
export const getVillageCard = (villageId: string) => call('village.card', { villageId })
export const requestJoin = (input: InputOf<'join.request'>) => call('join.request', input)
export const getJoinQueue = (villageId: string, status: 'pending' | 'approved' | 'rejected') => call('join.queue', { villageId, status })
export const decideJoin = (input: InputOf<'join.decide'>) => call('join.decide', input)
export const getTodo = (villageId: string) => call('account.todo', { villageId })
export const getMyRecord = (villageId: string, kind: InputOf<'account.record'>['kind'], page: number) => call('account.record', { villageId, kind, page })
// 我的记录's changes are the owning feature's actions, on my own things only
export const editMyComment = (villageId: string, commentId: string, text: string) => call('comments.edit', { villageId, commentId, text })
export const deleteMyComment = (villageId: string, commentId: string) => call('comments.delete', { villageId, commentId })
export const withdrawMyProposal = (villageId: string, proposalId: string, reason: string) => call('proposals.withdraw', { villageId, proposalId, reason })
export const getVillagePoster = (villageId: string) => call('village.poster', { villageId })
export const getNotifications = () => call('notifications.list', {})
export const markNotificationsRead = (ids: string[]) => call('notifications.read', { ids })
export const getDemoIdentities = () => call('dev.identities', {})
export const getRegister = (input: InputOf<'register.households'>) => call('register.households', input)
export const setHouseholdRep = (villageId: string, householdId: string, personId: string) => call('register.setRep', { villageId, householdId, personId })
export const setHouseholdHead = (villageId: string, householdId: string, personId: string) => call('register.setHead', { villageId, householdId, personId })
export const moveHousehold = (villageId: string, householdId: string, gridId: string) => call('register.moveHousehold', { villageId, householdId, gridId })
export const endMembership = (input: InputOf<'register.endMembership'>) => call('register.endMembership', input)
/** the list of sections and the deletion request; with a section, a page of it */
export const getMyData = (section?: MyDataSectionKey, page = 0) => call('account.myData', section ? { section, page } : {})
export const requestDeletion = (reason: string) => call('account.requestDeletion', { reason: reason || undefined })
export const getDeletionRequests = (villageId: string) => call('account.deletionRequests', { villageId })
export const confirmDeletion = (villageId: string, personId: string, reason: string) => call('account.confirmDeletion', { villageId, personId, reason })
