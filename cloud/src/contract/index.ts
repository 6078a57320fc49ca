/**
 * The action contract, derived from the one list of features (cloud/src/features.ts): every action's
 * name, input and output type, and the documents and views. The mini-program imports this file for
 * TYPES only (`import type … from '@contract'`), so zod never enters its bundle; the few values it
 * needs (words, lists) come from the zod-free `@contract/tables`.
 */
import type { z } from 'zod'
import type { FEATURES } from '../features'
import type { ActionDef } from './action'

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never
type All = UnionToIntersection<(typeof FEATURES)[number]['actions']>

export type ActionName = keyof All & string
export type InputOf<A extends ActionName> = All[A] extends ActionDef<infer S, unknown> ? z.input<S> : never
export type ParsedInputOf<A extends ActionName> = All[A] extends ActionDef<infer S, unknown> ? z.output<S> : never
export type OutputOf<A extends ActionName> = All[A] extends ActionDef<z.ZodTypeAny, infer O> ? O : never

// each feature's documents and views (one line per feature)
export type * from '../features/account/documents'
export type * from '../features/account/contract'
export type * from '../features/account/privacy-documents'
export type * from '../features/account/privacy-contract'
export type * from '../features/account/todo-contract'
export type * from '../features/account/record-contract'
export type * from '../features/rules/documents'
export type * from '../features/rules/contract'
export type * from '../features/deliberation/documents'
export type * from '../features/deliberation/contract'
export type * from '../features/boards/documents'
export type * from '../features/boards/contract'
export type * from '../features/booking/documents'
export type * from '../features/booking/contract'
export type * from '../features/reports/documents'
export type * from '../features/reports/contract'
export type * from '../features/affairs/documents'
export type * from '../features/affairs/contract'
export type * from '../features/volunteer/documents'
export type * from '../features/volunteer/contract'
export type * from '../features/mailbox/documents'
export type * from '../features/mailbox/contract'
export type * from '../features/workspace/documents'
export type * from '../features/workspace/contract'
export type * from '../features/dev/contract'
export type { AuditEntry } from '../common/audit'
export type * from '../features/audit/contract'
export type { ApiErrorBody, ErrorCode, ApiResult } from '../errors'
