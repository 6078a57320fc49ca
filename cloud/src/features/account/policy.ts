/** Pure rules of villages and accounts. */
import { createHash } from 'node:crypto'
import type { Membership, Person, Relation, Role } from './documents'

/** 门牌号 as typed by people differ in spaces, full-width digits and 号/號: compare a normal form. */
export function normalizeDoorplate(doorplate: string): string {
  return doorplate
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/號/g, '号')
    .replace(/[－—–]/g, '-')
    .toLowerCase()
}

/** The household head becomes the household's representative (户代表) when it has none. */
export function rolesOnJoin(relation: Relation, householdHasRep: boolean): Role[] {
  return relation === '户主' && !householdHasRep ? ['resident', 'householdRep'] : ['resident']
}

export function householdId(villageId: string, doorplate: string): string {
  return `${villageId}:${normalizeDoorplate(doorplate)}`
}

/** The one test of being on the village committee. */
export const isCommittee = (m: Pick<Membership, 'roles'>) => m.roles.includes('committee')

/** the claim id of an openid (one-way) */
export const personKeyOf = (openid: string) => createHash('sha256').update(openid).digest('hex')

/** A person as others (and they themselves) see them: never the openid, which stays on the server. */
export const personView = ({ openid: _openid, ...rest }: Person): Omit<Person, 'openid'> => rest
