import type { Attachment } from '../../common/documents'

/**
 * 村务公开: the committee's notices (公告) with each person's read mark, and the 小微权力清单 (the village's duty
 * list: what it does, what it assists the government with, what it must not take on), each usable duty with its
 * 办事指南 and whether it needs a certificate (无证明 said plainly, with why). Days are Asia/Shanghai YYYY-MM-DD.
 */

export const NOTICE_CATEGORIES = ['party', 'village', 'finance', 'other'] as const
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number]
export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = { party: '党务', village: '村务', finance: '财务', other: '其他' }

/** where a notice is in its period, on a given day */
export type NoticeState = 'upcoming' | 'current' | 'expired'
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = { upcoming: '未开始', current: '公示中', expired: '已过期' }

export interface Notice {
  _id: string
  villageId: string
  category: NoticeCategory
  title: string
  text: string
  /** fileIds of the village's checked photos */
  photos: string[]
  /** PDFs (checked: the village's, `%PDF-`, at most 10 MB); absent on notices published before attachments existed */
  attachments?: Attachment[]
  /** the first day it is shown to residents */
  from: string
  /** the last day of its period (公示期); null: until withdrawn */
  until: string | null
  createdBy: string
  createdByName: string
  createdAt: number
  updatedAt: number
  /** how many people have opened it (one read mark each) */
  reads: number
}

/** one person has opened one notice: `${noticeId}:${personId}` */
export interface NoticeRead {
  _id: string
  villageId: string
  noticeId: string
  personId: string
  at: number
}

/** 职责: the village's own duties; 协助: what it assists the government with; 禁入: what it must not take on */
export const DUTY_KINDS = ['duty', 'assist', 'banned'] as const
export type DutyKind = (typeof DUTY_KINDS)[number]
export const DUTY_KIND_LABELS: Record<DutyKind, string> = { duty: '职责', assist: '协助', banned: '禁入' }

/** 办事指南: what a resident needs to use the duty */
export interface DutyGuide {
  /** what to bring */
  bring: string[]
  where: string
  when: string
  phone: string
  /** whether the village issues (or needs) a certificate (证明) for it */
  needsCertificate: boolean
  /** 无证明: why none is needed (e.g. 凭身份证直接办理，部门联网核验); with one: which and why */
  certificateNote: string
}

export interface Duty {
  _id: string
  villageId: string
  /** position in the list */
  order: number
  kind: DutyKind
  name: string
  /** the basis (law, regulation, the town's list) */
  basis: string
  steps: string[]
  /** who is responsible */
  responsible: string
  /** how long it takes, e.g. 即时办结, 3个工作日 */
  timeLimit: string
  /** only for duties a resident can use */
  guide: DutyGuide | null
  updatedAt: number
  updatedByName: string
}

/** 财务公开: one period's income and spending as the accountant's CSV had it (amounts in fen) */
export interface FinancePeriod {
  /** `${villageId}:${period}`: importing the same period again replaces it */
  _id: string
  villageId: string
  /** e.g. 2026年第三季度 */
  period: string
  lines: Array<{ date: string; category: string; summary: string; income: number; spending: number }>
  importedAt: number
  importedByName: string
}

declare module '../../ports/store' {
  interface Collections {
    notices: Notice
    noticeReads: NoticeRead
    duties: Duty
    financePeriods: FinancePeriod
  }
}
