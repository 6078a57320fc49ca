/** 村务公开's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf, NoticeCategory } from '@contract'

export const getNotices = (villageId: string, category: NoticeCategory | null, after: string | null = null) => call('affairs.notices', { villageId, category, after })
export const getNotice = (villageId: string, noticeId: string) => call('affairs.notice', { villageId, noticeId })
export const getDuties = (villageId: string) => call('affairs.duties', { villageId })
export const getDuty = (villageId: string, dutyId: string) => call('affairs.duty', { villageId, dutyId })
export const getFinance = (villageId: string, periodId: string | null) => call('affairs.finance', { villageId, periodId })

// the committee
export const publishNotice = (input: InputOf<'affairs.publishNotice'>) => call('affairs.publishNotice', input)
export const removeNotice = (villageId: string, noticeId: string, reason: string) => call('affairs.removeNotice', { villageId, noticeId, reason })
export const saveDuty = (input: InputOf<'affairs.saveDuty'>) => call('affairs.saveDuty', input)
export const importFinance = (villageId: string, period: string, csv: string) => call('affairs.importFinance', { villageId, period, csv })
