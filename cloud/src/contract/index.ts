/**
 * The action contract: every action's name, input schema and output type, in one place.
 * The mini-program imports this file for types only (`import type`), so zod never enters its bundle.
 */
import type { z } from 'zod'
import { accountActions } from './account'
import { rulesActions } from './rules'
import { deliberationActions } from './deliberation'
import { devActions } from './dev'
import type { ActionDef } from './action'

export const actions = { ...accountActions, ...rulesActions, ...deliberationActions }
/** actions that exist only in the local runtime (never in the cloud function) */
export const localOnlyActions = { ...devActions }

type All = typeof actions & typeof localOnlyActions
export type ActionName = keyof All
export type InputOf<A extends ActionName> = All[A] extends ActionDef<infer S, unknown> ? z.input<S> : never
export type ParsedInputOf<A extends ActionName> = All[A] extends ActionDef<infer S, unknown> ? z.output<S> : never
export type OutputOf<A extends ActionName> = All[A] extends ActionDef<z.ZodTypeAny, infer O> ? O : never

export * from './models'
export type * from './account'
export type * from './rules'
export type * from './deliberation'
export type * from './dev'
export type { ApiErrorBody, ErrorCode, ApiResult } from '../errors'
