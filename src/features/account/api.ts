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
