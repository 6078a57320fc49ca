import type { z } from 'zod'
import type { ActionDef, AnyActions } from './contract/action'
import { PARTICIPANT_ROLES, type Membership, type Person, type Role } from './features/account/documents'
import type { Ports } from './ports/ports'

/**
 * Who may call an action.
 * - anyone: any caller with an identity (every WeChat caller has an OPENID)
 * - person: the caller has a person record (has asked to join somewhere)
 * - member: the input names a villageId and the caller belongs to it, with one of `roles` if given
 */
export type Access = { kind: 'anyone' } | { kind: 'person' } | { kind: 'member'; roles?: readonly Role[] }

/** The access presets every feature uses; a feature needing another combination writes it beside its handler. */
export const ACCESS = {
  anyone: { kind: 'anyone' },
  person: { kind: 'person' },
  member: { kind: 'member' },
  /** take part: the roles the app's buttons read too (account/documents PARTICIPANT_ROLES) */
  resident: { kind: 'member', roles: PARTICIPANT_ROLES },
  householdRep: { kind: 'member', roles: ['householdRep'] },
  committee: { kind: 'member', roles: ['committee'] },
  /** the committee and the grid workers (follow-up of their grids) */
  committeeOrGrid: { kind: 'member', roles: ['committee', 'gridWorker'] },
} as const satisfies Record<string, Access>

export interface Context {
  ports: Ports
  openid: string
  now: number
  /** null until the caller first asks to join a village */
  person: Person | null
  /** set for member access: the caller's membership in input.villageId */
  membership: Membership | null
}
export type MemberContext = Context & { person: Person; membership: Membership }

type OutputOfDef<D> = D extends ActionDef<z.ZodTypeAny, infer O> ? O : never

export interface Handler<D extends ActionDef<z.ZodTypeAny, unknown>> {
  access: Access
  handle(input: z.output<D['input']>, ctx: MemberContext): Promise<OutputOfDef<D>>
}

/** One handler per action of an actions map: a missing one does not compile. */
export type Handlers<A extends AnyActions> = { [K in keyof A]: Handler<A[K]> }
