import type { ActionName, Membership, ParsedInputOf, OutputOf, Person, Role } from './contract'
import type { Ports } from './ports/ports'

/**
 * Who may call an action.
 * - anyone: any caller with an identity (every WeChat caller has an OPENID)
 * - person: the caller has a person record (has asked to join somewhere)
 * - member: the input names a villageId and the caller belongs to it, with one of `roles` if given
 */
export type Access = { kind: 'anyone' } | { kind: 'person' } | { kind: 'member'; roles?: readonly Role[] }

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

export interface Handler<A extends ActionName> {
  access: Access
  handle(input: ParsedInputOf<A>, ctx: MemberContext): Promise<OutputOf<A>>
}

export type Handlers<A extends ActionName = ActionName> = { [K in A]: Handler<K> }
