import { z } from 'zod'
import { action } from '../../contract/action'
import type { DeletionStatus } from './privacy-documents'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')

/** One kind of data held about the person (我的个人信息), each item as a person reads it. */
export interface MyDataSection {
  key: 'person' | 'memberships' | 'joinRequests' | 'ruleAgreements' | 'ballots' | 'proxies' | 'comments' | 'proposals' | 'cosigns' | 'boards' | 'bookings' | 'reports' | 'volunteer' | 'mailbox' | 'visits' | 'affairs' | 'notifications' | 'audit'
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
  /** why it cannot be confirmed now (a ballot in an open topic), or null */
  blocked: string | null
}

/** Everything held about the caller, by section (never the openid). */
export interface MyData {
  person: { id: string; name: string; createdAt: number }
  sections: MyDataSection[]
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
  blocked: string | null
}

export const privacyActions = {
  'account.myData': action<MyData>()(z.object({})),
  'account.requestDeletion': action<DeletionView>()(z.object({ reason: z.string().trim().max(200, '不超过200个字').optional() })),
  /** the committee's queue of requests naming their village */
  'account.deletionRequests': action<DeletionRequestView[]>()(z.object({ villageId: id })),
  'account.confirmDeletion': action<{ done: true }>()(
    z.object({ villageId: id, personId: id, reason: z.string().trim().min(2, '请写明核实情况（至少两个字）').max(200, '不超过200个字') }),
  ),
}
