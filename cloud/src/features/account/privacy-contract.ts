import { z } from 'zod'
import { action } from '../../contract/action'
import type { DeletionStatus } from './privacy-documents'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')

export const MY_DATA_SECTION_KEYS = ['person', 'memberships', 'joinRequests', 'ruleAgreements', 'ballots', 'proxies', 'comments', 'proposals', 'cosigns', 'boards', 'bookings', 'reports', 'mailbox', 'visits', 'volunteer', 'affairs', 'notifications', 'audit'] as const
export type MyDataSectionKey = (typeof MY_DATA_SECTION_KEYS)[number]

/** One kind of data held about the person (我的个人信息), each item as a person reads it. */
export interface MyDataSection {
  key: MyDataSectionKey
  title: string
  /** what the section is for, in a sentence */
  note: string
  items: Array<{ title: string; lines: string[]; at: number | null }>
}

export interface DeletionView {
  status: DeletionStatus
  reason: string | null
  createdAt: number
  /** the villages whose committee confirms it */
  villages: string[]
  /** why it cannot be confirmed now (a ballot in an open topic), or null; said by account.myData (requestDeletion's answer leaves it null) */
  blocked: string | null
}

/**
 * What is held about the caller (never the openid), a section at a time: the first call (no `section`) answers the
 * list of sections and the deletion request; a call with `section` answers a page of that one.
 */
export interface MyData {
  person: { id: string; name: string; createdAt: number }
  /** every section, by key, title and note, in the page's order */
  sections: Array<Omit<MyDataSection, 'items'>>
  /** the section asked for, a page of it, and the page to ask for next (null: no more); null on the first call */
  section: (MyDataSection & { next: number | null }) | null
  /** the deletion request, on the first call (null: none, or a section was asked for) */
  deletion: DeletionView | null
  at: number
}

/** a request as the committee sees it */
export interface DeletionRequestView {
  personId: string
  name: string
  doorplate: string | null
  reason: string | null
  createdAt: number
  /** erasing: confirmed, the data being deleted (正在删除) */
  status: 'pending' | 'erasing'
  blocked: string | null
}

export const privacyActions = {
  'account.myData': action<MyData>()(
    z.object({
      section: z.enum(MY_DATA_SECTION_KEYS, { errorMap: () => ({ message: '请选择信息的类别' }) }).optional(),
      page: z.number({ invalid_type_error: '页码有误' }).int('页码有误').min(0, '页码有误').max(1000, '页码有误').default(0),
    }),
  ),
  'account.requestDeletion': action<DeletionView>()(z.object({ reason: z.string().trim().max(200, '不超过200个字').optional() })),
  /** the committee's queue of requests naming their village */
  'account.deletionRequests': action<DeletionRequestView[]>()(z.object({ villageId: id })),
  'account.confirmDeletion': action<{ done: true }>()(
    z.object({ villageId: id, personId: id, reason: z.string().trim().min(2, '请写明核实情况（至少两个字）').max(200, '不超过200个字') }),
  ),
}
