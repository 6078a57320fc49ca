import type { z } from 'zod'

/** One action of the contract: its input schema, and its output as a type only. */
export interface ActionDef<S extends z.ZodTypeAny, O> {
  input: S
  /** phantom: never read at run time */
  output?: O
}

/** A feature's actions: name -> definition. */
export type AnyActions = Record<string, ActionDef<z.ZodTypeAny, unknown>>

export function action<O>() {
  return <S extends z.ZodTypeAny>(input: S): ActionDef<S, O> => ({ input })
}
