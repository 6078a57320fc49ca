import { z } from 'zod'
import { action } from '../../contract/action'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')

export const RECORD_KINDS = ['votes', 'comments', 'proposals', 'agreements', 'bookings', 'reports'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

/** One thing I did, as I read it in 我的记录: what, its state, the details, and what I may still do with it. */
export interface RecordItem {
  id: string
  title: string
  /** its state in a word or two (投票中, 征集联署中, 已预约, 处理中…), or null */
  state: string | null
  lines: string[]
  at: number
  /** the page it lives on, or null */
  page: string | null
  /** a comment's text, for editing it */
  text?: string
  can: { edit: boolean; remove: boolean; withdraw: boolean }
}

export interface RecordPage {
  kind: RecordKind
  items: RecordItem[]
  /** the page to ask for next; null when there is no more */
  next: number | null
}

export const RECORD_PAGE = 20

export const recordActions = {
  /** 我的记录: one kind of what I did in the village, newest first, a page at a time */
  'account.record': action<RecordPage>()(
    z.object({
      villageId: id,
      kind: z.enum(RECORD_KINDS, { errorMap: () => ({ message: '请选择记录的种类' }) }),
      page: z.number({ invalid_type_error: '页码有误' }).int('页码有误').min(0, '页码有误').max(500, '页码有误').default(0),
    }),
  ),
}
