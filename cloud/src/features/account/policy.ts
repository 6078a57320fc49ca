/** Pure rules of villages and accounts. */
import { createHash } from 'node:crypto'
import { pooledRandomBytes } from '../../common/random'
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

/**
 * A new person's id: the minute it was made, then 9 random bytes, so that it tells nothing about the openid and new
 * people's ids come in order. A random id put each new person (and their join request, `${villageId}:${personId}`)
 * on a random page of the table's key: every insert rewrote a page of its own at the commit, where in order they share
 * the last. The minute only says when the person first came, which their 加入时间 tells the committee anyway.
 */
export const newPersonId = (now: number) => `p_${Math.floor(now / 60_000).toString(36).padStart(6, '0')}${pooledRandomBytes(9).toString('base64url')}`

/** the claim id of an openid (one-way) */
export const personKeyOf = (openid: string) => createHash('sha256').update(openid).digest('hex')

/** A person as others (and they themselves) see them: never the openid, which stays on the server. */
export const personView = ({ openid: _openid, ...rest }: Person): Omit<Person, 'openid'> => rest
