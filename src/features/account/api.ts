/** The account feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const getMe = () => call('account.me', {})
export const getGeoTree = () => call('geo.tree', {})
export const getVillageByScene = (scene: string) => call('village.byScene', { scene })
export const requestJoin = (input: InputOf<'join.request'>) => call('join.request', input)
export const getJoinQueue = (villageId: string, status: 'pending' | 'approved' | 'rejected') => call('join.queue', { villageId, status })
export const decideJoin = (input: InputOf<'join.decide'>) => call('join.decide', input)
export const getVillageOverview = (villageId: string) => call('village.overview', { villageId })
export const getVillagePoster = (villageId: string) => call('village.poster', { villageId })
export const getNotifications = () => call('notifications.list', {})
export const markNotificationsRead = (ids: string[]) => call('notifications.read', { ids })
export const getDemoIdentities = () => call('dev.identities', {})
export const getRegister = (villageId: string) => call('register.households', { villageId })
export const setHouseholdRep = (villageId: string, householdId: string, personId: string) => call('register.setRep', { villageId, householdId, personId })
export const setHouseholdHead = (villageId: string, householdId: string, personId: string) => call('register.setHead', { villageId, householdId, personId })
export const moveHousehold = (villageId: string, householdId: string, gridId: string) => call('register.moveHousehold', { villageId, householdId, gridId })
export const endMembership = (input: InputOf<'register.endMembership'>) => call('register.endMembership', input)
export const getMyData = () => call('account.myData', {})
export const requestDeletion = (reason: string) => call('account.requestDeletion', { reason: reason || undefined })
export const getDeletionRequests = (villageId: string) => call('account.deletionRequests', { villageId })
export const confirmDeletion = (villageId: string, personId: string, reason: string) => call('account.confirmDeletion', { villageId, personId, reason })
