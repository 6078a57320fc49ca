/**
 * 村务公开: notices (公告) the committee publishes and residents read (each reader's mark, the read counts), and the
 * 小微权力清单 with its 办事指南. Every view and input (documents are in documents.ts); the client imports this file
 * for types only.
 */
import { z } from 'zod'
import { day, id, photos as photosOf, text, villageId } from '../../contract/inputs'
import { action } from '../../contract/action'
import { DUTY_KINDS, NOTICE_CATEGORIES, type DutyGuide, type DutyKind, type NoticeCategory, type NoticeState } from './documents'

// ---------------------------------------------------------------------------------------------
// views

export interface NoticeSummary {
  id: string
  category: NoticeCategory
  title: string
  /** the first 60 characters */
  excerpt: string
  from: string
  until: string | null
  state: NoticeState
  /** the caller has opened it */
  read: boolean
  reads: number
  /** the first photo's url, if any */
  thumb: string | null
  createdAt: number
}

export interface NoticeList {
  /** a page of them, current first, then (the committee's) not yet begun, then expired; newest first in each */
  notices: NoticeSummary[]
  /** current notices the caller has not opened, among the newest 100 current ones (on the first page; null on a later one) */
  unread: number | null
  canPublish: boolean
  /** the cursor of the next page (null: the last) */
  next: string | null
}

export interface AttachmentView {
  fileId: string
  name: string
  size: number
  /** where to open it (a temporary URL in the cloud; the local server serves it inline under its name) */
  url: string | null
}

export interface NoticeView extends NoticeSummary {
  villageId: string
  text: string
  photos: string[]
  /** fileId -> url */
  photoUrls: Record<string, string>
  /** PDF attachments, in order */
  attachments: AttachmentView[]
  createdByName: string
  updatedAt: number
  /** how many of the village's residents there are (for 已读 x / y; the committee only, else null) */
  residents: number | null
  canEdit: boolean
}

export interface DutyView {
  id: string
  order: number
  kind: DutyKind
  name: string
  basis: string
  steps: string[]
  responsible: string
  timeLimit: string
  guide: DutyGuide | null
  updatedAt: number
  updatedByName: string
}

export interface DutyList {
  duties: DutyView[]
  counts: Record<DutyKind, number>
  canEdit: boolean
}

export interface FinanceView {
  id: string
  period: string
  lines: Array<{ date: string; category: string; summary: string; income: number; spending: number }>
  /** by category, the largest first: what the bars draw */
  byCategory: Array<{ category: string; income: number; spending: number }>
  totals: { income: number; spending: number }
  importedAt: number
  importedByName: string
}

export interface FinanceList {
  /** newest first */
  periods: Array<{ id: string; period: string }>
  /** the one asked for, else the newest; null when none was posted */
  current: FinanceView | null
  canImport: boolean
}

// ---------------------------------------------------------------------------------------------
// inputs

const photos = photosOf(9)
/** an attachment as the client sends it: the uploaded fileId and the name picked; the server measures its size */
const attachment = z.object({
  fileId: z.string().max(300, '附件无效'),
  name: z
    .string({ invalid_type_error: '附件名称无效' })
    .trim()
    .min(1, '请填写附件名称')
    .max(80, '附件名称不超过80个字')
    .refine((n) => !/[\u0000-\u001f\u007f/\\]/.test(n), '附件名称不能含有斜杠或控制字符'),
})
const lines = (what: string, max: number) => z.array(text(what, 100), { invalid_type_error: `请填写${what}` }).max(max, `${what}不超过${max}项`)

const guide = z.object({
  bring: lines('所需材料', 12),
  where: text('办理地点', 60),
  when: text('办理时间', 60),
  phone: text('咨询电话', 30),
  needsCertificate: z.boolean({ invalid_type_error: '请选择是否需要证明' }),
  certificateNote: text('证明说明', 200),
})

/** residents (and everyone who serves the village) */
export const affairsReadActions = {
  /** the notices, current first, newest first; unread marked (the committee also sees those not yet begun) */
  'affairs.notices': action<NoticeList>()(z.object({ villageId, category: z.enum(NOTICE_CATEGORIES).nullable().default(null), after: z.string().trim().max(300, '分页位置有误').nullable().default(null) })),
  /** one notice; opening it marks it read for the caller (once: the count goes up by one) */
  'affairs.notice': action<NoticeView>()(z.object({ villageId, noticeId: id })),
  /** 小微权力清单: every duty by kind and order */
  'affairs.duties': action<DutyList>()(z.object({ villageId })),
  /** one duty with its 办事指南 */
  'affairs.duty': action<DutyView>()(z.object({ villageId, dutyId: id })),
  /** 财务公开: the periods posted, and one of them as a table and its sums by category */
  'affairs.finance': action<FinanceList>()(z.object({ villageId, periodId: id.nullable().default(null) })),
}

/** the committee */
export const affairsCommitteeActions = {
  /** publish a notice (noticeId null) or correct one; a new one is told to the village's residents */
  'affairs.publishNotice': action<NoticeView>()(
    z.object({
      villageId,
      noticeId: id.nullable().default(null),
      category: z.enum(NOTICE_CATEGORIES, { errorMap: () => ({ message: '请选择公告类别' }) }),
      title: text('标题', 40, 2),
      text: text('正文', 5000, 5),
      photos: photos.default([]),
      attachments: z.array(attachment, { invalid_type_error: '附件无效' }).max(5, '最多5个附件').default([]),
      from: day,
      until: day.nullable().default(null),
    }),
  ),
  /** take a notice down (with the reason, audited) */
  'affairs.removeNotice': action<{ removed: true }>()(z.object({ villageId, noticeId: id, reason: text('撤下的理由', 200, 2) })),
  /** add a duty (dutyId null) or change one; a usable duty carries its 办事指南 */
  'affairs.saveDuty': action<DutyView>()(
    z.object({
      villageId,
      dutyId: id.nullable().default(null),
      kind: z.enum(DUTY_KINDS, { errorMap: () => ({ message: '请选择事项类别' }) }),
      name: text('事项名称', 40, 2),
      basis: text('依据', 200, 2),
      steps: lines('办理流程', 12),
      responsible: text('责任人', 40),
      timeLimit: text('办理时限', 30),
      guide: guide.nullable().default(null),
    }),
  ),
}

/** the committee: 财务公开 from the accountant's CSV (日期,类别,摘要,收入,支出); the same period again replaces it */
export const affairsFinanceActions = {
  'affairs.importFinance': action<FinanceView>()(
    z.object({
      villageId,
      period: text('公开期间', 20, 4),
      csv: z.string({ required_error: '请选择CSV文件', invalid_type_error: '请选择CSV文件' }).min(1, '请选择CSV文件').max(300_000, 'CSV文件过大（不超过300KB）'),
    }),
  ),
}

export const affairsActions = { ...affairsReadActions, ...affairsCommitteeActions, ...affairsFinanceActions }
