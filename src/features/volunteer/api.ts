/** The volunteer feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const getActivityByScene = (scene: string) => call('volunteer.byScene', { scene })
export const listActivities = (villageId: string) => call('volunteer.activities', { villageId })
export const getActivity = (villageId: string, activityId: string) => call('volunteer.activity', { villageId, activityId })
export const signUp = (villageId: string, activityId: string, waitlist: boolean) => call('volunteer.signUp', { villageId, activityId, waitlist })
export const cancelSignUp = (villageId: string, activityId: string) => call('volunteer.cancel', { villageId, activityId })
export const checkIn = (villageId: string, activityId: string) => call('volunteer.checkIn', { villageId, activityId })
export const getMyHours = (villageId: string) => call('volunteer.mine', { villageId })
export const getTotals = (villageId: string) => call('volunteer.totals', { villageId, top: 10 })
export const saveActivity = (input: InputOf<'volunteer.save'>) => call('volunteer.save', input)
export const getPoster = (villageId: string, activityId: string) => call('volunteer.poster', { villageId, activityId })
export const confirmHours = (input: InputOf<'volunteer.confirm'>) => call('volunteer.confirm', input)
