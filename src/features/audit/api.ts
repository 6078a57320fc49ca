/** The audit feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const getAuditLog = (input: InputOf<'audit.list'>) => call('audit.list', input)
export const getAuditActors = (villageId: string) => call('audit.actors', { villageId })
export const verifyAuditLog = (villageId: string) => call('audit.verify', { villageId })
