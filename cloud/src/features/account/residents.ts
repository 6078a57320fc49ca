/**
 * The village's residents as counters, for the rules' progress and follow-up (issue 16: no read walks the village).
 * Each household keeps how many of its members are residents and how many of those agreed to the rules' current
 * version; a few counter documents per grid (residentCounts, sharded) keep the sums: residents, households with
 * residents, and of them those who agreed. Every write that changes them — an agreement, a join approved (written
 * onto the register by the job: admissions.ts), a membership ended or erased, a household moved to another grid —
 * adds its change in its own transaction, reading the household (and the person's agreement) there, so the counts
 * stay exact: a household counts as agreed while at least one of its residents has, whoever joins or leaves. A new
 * rules version needs no write: a count of another version reads as 0, and the first change for the new version
 * starts it. The account feature owns this because its writes move the counts (a feature imports only account); the
 * rules' agreements are read by name.
 */
import type { Household, Membership, ResidentCount, Village } from './documents'
import type { Store, TxStore } from '../../ports/store'
import { findAll } from '../../common/load'
import { incOrInsert } from '../../common/counters'

/**
 * counter documents per grid: households written at once rarely wait for each other (a household's register change
 * counts on its shard, where the rebuild puts the whole count: only each grid's sum means anything)
 */
export const RESIDENT_SHARDS = 8
/** the counters of one village: (grids + 1) × (RESIDENT_SHARDS + one per rules version), far below this */
const MAX_COUNTERS = 1000

export const residentCountId = (villageId: string, gridId: string | null, shard: number) => `${villageId}:${gridId ?? '-'}:${shard}`
/**
 * The shard of a grid's counter of one rules version (in its id), which a person's changes add to without reading it,
 * nor the village's current version: an agreement, a member joining or leaving, a household moved. Their agreed part
 * is of that version, and like any counter of another version it reads as 0 when that is not current.
 */
export const BY_VERSION = -1
export const versionCountId = (villageId: string, gridId: string | null, version: number) => `${villageId}:${gridId ?? '-'}:v${version}`
/** the id of a person's agreement to a rules version (the rules feature's `${versionId}:${personId}`) */
const agreementId = (villageId: string, version: number, personId: string) => `${villageId}:v${version}:${personId}`

/** the shard a person's (or a moved household's) change counts on */
export function shardOf(key: string): number {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0
  return h % RESIDENT_SHARDS
}

const isResident = (m: Pick<Membership, 'roles'>) => m.roles.includes('resident')
export const currentRules = (village: Pick<Village, 'currentRulesVersion'>) => village.currentRulesVersion ?? 0

/** What a household counts: its residents, and those who agreed to `version` (0 when it counted another). */
export function householdCounts(h: Pick<Household, 'residents' | 'rulesVersion' | 'rulesAgreed'>, version: number): { residents: number; agreed: number } {
  return { residents: h.residents ?? 0, agreed: version && h.rulesVersion === version ? h.rulesAgreed ?? 0 : 0 }
}

/** the household's counting fields for these counts */
export function householdFields(c: { residents: number; agreed: number }, version: number): Required<Pick<Household, 'residents' | 'rulesVersion' | 'rulesAgreed' | 'rulesDone'>> {
  return { residents: c.residents, rulesVersion: version, rulesAgreed: c.agreed, rulesDone: version && c.residents > 0 && c.agreed >= c.residents ? version : 0 }
}

type Delta = Pick<ResidentCount, 'residents' | 'households' | 'agreedPersons' | 'agreedHouseholds' | 'registered' | 'unrepresented' | 'members' | 'partyMembers'>
const negate = (d: Delta): Delta => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, -v])) as Delta
const NO_CHANGE: Delta = { residents: 0, households: 0, agreedPersons: 0, agreedHouseholds: 0 }

/** A counter made by its first change (every figure present: one without 本村概况's reads as a village not counted yet). */
const newCounter = (id: string, villageId: string, gridId: string | null, shard: number, version: number, d: Delta): ResidentCount => ({
  _id: id,
  villageId,
  gridId,
  shard,
  rulesVersion: version,
  registered: 0,
  unrepresented: 0,
  members: 0,
  partyMembers: 0,
  ...d,
})

/** what a household's counts add to its grid's: itself among those with residents, and among those who agreed (nothing without one) */
const householdCounted = (h: Household | null, c: { residents: number; agreed: number }) => (h ? { households: Number(c.residents > 0), agreedHouseholds: Number(c.agreed > 0) } : { households: 0, agreedHouseholds: 0 })

/**
 * One person's change, in the caller's transaction: `residents` +1 joining, -1 leaving; `agreed` +1 agreeing to the
 * current version `current` (or joining having agreed), -1 leaving having agreed. `household` is the person's, as read
 * in the transaction (null without one: counted in no grid). `member`: 本村概况's change with it (a member joining).
 * The household's update and its grid's counter of the version it counts (added to unread): two writes, no read.
 */
export async function countPerson(
  tx: TxStore,
  villageId: string,
  current: number,
  household: Household | null,
  change: { residents: number; agreed: number },
  member: Pick<Delta, 'members' | 'partyMembers'> = {},
): Promise<void> {
  // a household that counted a newer version (published meanwhile) is not taken back to this one
  const version = Math.max(current, household?.rulesVersion ?? 0)
  const agreed = version === current ? change.agreed : 0
  const before = household ? householdCounts(household, version) : { residents: 0, agreed: 0 }
  const after = { residents: before.residents + change.residents, agreed: before.agreed + agreed }
  if (household) await tx.update('households', household._id, { set: householdFields(after, version) })
  const [a, b] = [householdCounted(household, after), householdCounted(household, before)]
  await addUnread(tx, villageId, household?.gridId ?? null, BY_VERSION, version, {
    residents: change.residents,
    households: a.households - b.households,
    agreedPersons: agreed,
    agreedHouseholds: a.agreedHouseholds - b.agreedHouseholds,
    ...member,
  })
}

/**
 * A member joins the village, in the caller's transaction: 本村概况 counts every member (their household, when new, is
 * counted by countHousehold), and a resident counts for the rules, with their agreement to the current version if
 * they made one (someone who left and comes back keeps it) — one counter change for both. Returns whether a resident
 * agreed to it (null: not a resident, not read).
 */
export async function countMember(tx: TxStore, village: Pick<Village, '_id' | 'currentRulesVersion'>, m: Pick<Membership, 'personId' | 'roles' | 'partyMember'>, household: Household | null): Promise<boolean | null> {
  const member = { members: 1, partyMembers: m.partyMember ? 1 : 0 }
  const current = currentRules(village)
  if (!isResident(m)) {
    await addUnread(tx, village._id, household?.gridId ?? null, BY_VERSION, current, { ...NO_CHANGE, ...member })
    return null
  }
  const agreed = current ? !!(await tx.get('ruleAgreements', agreementId(village._id, current, m.personId))) : false
  await countPerson(tx, village._id, current, household, { residents: 1, agreed: agreed ? 1 : 0 }, member)
  return agreed
}

/**
 * A household moves to another grid, in the caller's transaction (`h` as read there, before its gridId changes): its
 * counts go with it, on the two grids' counters of the household's rules version (BY_VERSION) — no counter nor the
 * village read: when a newer version is current, its agreed part counts 0 there as the household's does.
 */
export async function moveHouseholdCounts(tx: TxStore, h: Household, toGrid: string | null): Promise<void> {
  const version = h.rulesVersion ?? 0
  const c = householdCounts(h, version)
  const d: Delta = { residents: c.residents, households: Number(c.residents > 0), agreedPersons: c.agreed, agreedHouseholds: Number(c.agreed > 0), registered: 1, unrepresented: Number(!h.repPersonId) }
  await addUnread(tx, h.villageId, h.gridId, BY_VERSION, version, negate(d))
  await addUnread(tx, h.villageId, toGrid, BY_VERSION, version, d)
}

/**
 * A member leaves the village (their membership ended), in the caller's transaction, `h` their household as read there
 * (null: none): 本村概况 counts one member fewer, a resident stops counting for the rules with their agreement, and a
 * household its 户代表 leaves has none — one update of the household and one of its grid's counter of the version,
 * which is the member's or the household's, the newer: their agreement counts where it is the current one (rulesAgreed
 * on the membership says it), and nothing else where an even newer one is. No counter, village nor agreement read,
 * but for a membership from before rulesAgreed (the village and the agreement then).
 */
export async function countDeparture(tx: TxStore, m: Membership, h: Household | null): Promise<void> {
  const leavesRep = !!h && h.repPersonId === m.personId
  // a member the job has not counted yet (admissions.ts) takes nothing back but a 户代表 role given meanwhile
  const counted = !m.registerDue
  const resident = counted && isResident(m)
  const agreedTo = resident && m.rulesAgreed === undefined ? await legacyAgreement(tx, m) : m.rulesAgreed ?? 0
  const version = Math.max(agreedTo, h?.rulesVersion ?? 0)
  const agreed = resident && agreedTo > 0 && agreedTo === version ? 1 : 0
  const before = h ? householdCounts(h, version) : { residents: 0, agreed: 0 }
  const after = { residents: before.residents - Number(resident), agreed: before.agreed - agreed }
  const [a, b] = [householdCounted(h, after), householdCounted(h, before)]
  if (h && (resident || leavesRep)) await tx.update('households', h._id, { set: { ...(resident ? householdFields(after, version) : {}), ...(leavesRep ? { repPersonId: null } : {}) } })
  await addUnread(tx, m.villageId, h?.gridId ?? null, BY_VERSION, version, {
    residents: -Number(resident),
    households: a.households - b.households,
    agreedPersons: -agreed,
    agreedHouseholds: a.agreedHouseholds - b.agreedHouseholds,
    unrepresented: Number(leavesRep),
    members: -Number(counted),
    partyMembers: counted && m.partyMember ? -1 : 0,
  })
}

/** A membership from before rulesAgreed: the version it agreed to, when that is the current one (0 otherwise), from the village and the agreement. */
async function legacyAgreement(tx: TxStore, m: Membership): Promise<number> {
  const current = currentRules((await tx.get('villages', m.villageId)) ?? {})
  return current && (await tx.get('ruleAgreements', agreementId(m.villageId, current, m.personId))) ? current : 0
}

/**
 * Adds a change to a counter without reading it (a grid's counter of one version, or the register's figures on a
 * shard): one update, an insert the first time (the rebuild makes the current version's). Only the figures changed are
 * incremented: a counter from before 本村概况's figures keeps none (its village is counted on read until the rebuild).
 */
async function addUnread(tx: TxStore, villageId: string, gridId: string | null, shard: number, version: number, d: Partial<Delta>): Promise<void> {
  if (!Object.values(d).some((v) => v)) return
  const id = shard === BY_VERSION ? versionCountId(villageId, gridId, version) : residentCountId(villageId, gridId, shard)
  await incOrInsert(tx, 'residentCounts', id, { ...d }, () => newCounter(id, villageId, gridId, shard, version, { ...NO_CHANGE, ...d }))
}

/**
 * A household joins the register (`registered` +1), or gains (-1) or loses (+1) its 户代表 (`unrepresented`), in the
 * caller's transaction: `h` as read there, before the change. The register's figures count whatever the rules version,
 * so they are added without the counter read first (nor the village's current version): one update, and an insert
 * after it only where the counter is not there yet (a grid made since the rebuild).
 */
export async function countHousehold(tx: TxStore, h: Household, change: Pick<Delta, 'registered' | 'unrepresented'>): Promise<void> {
  await addUnread(tx, h.villageId, h.gridId, shardOf(h._id), h.rulesVersion ?? 0, change)
}

export interface ResidentTotals {
  residents: number
  households: number
  agreedPersons: number
  agreedHouseholds: number
  /** households on the register, and those of them without a 户代表 */
  registered: number
  unrepresented: number
}
const ZERO: ResidentTotals = { residents: 0, households: 0, agreedPersons: 0, agreedHouseholds: 0, registered: 0, unrepresented: 0 }

/** The village's counters summed per grid (null: no grid), agreed parts for version `current` — one query. */
export async function residentTotalsByGrid(store: Store, villageId: string, current: number): Promise<Map<string | null, ResidentTotals>> {
  const out = new Map<string | null, ResidentTotals>()
  for (const c of await store.find('residentCounts', { villageId }, { limit: MAX_COUNTERS })) {
    const t = out.get(c.gridId) ?? { ...ZERO }
    const fresh = current > 0 && c.rulesVersion === current
    out.set(c.gridId, {
      residents: t.residents + c.residents,
      households: t.households + c.households,
      agreedPersons: t.agreedPersons + (fresh ? c.agreedPersons : 0),
      agreedHouseholds: t.agreedHouseholds + (fresh ? c.agreedHouseholds : 0),
      registered: t.registered + (c.registered ?? 0),
      unrepresented: t.unrepresented + (c.unrepresented ?? 0),
    })
  }
  return out
}

/**
 * 本村概况's figures from the village's counters (one query): its members, its households (those on the register) and
 * its party members; null for a village whose counters are from before they counted members (counted on read until
 * the rebuild gives every counter its figures).
 */
export async function villageFigures(store: Store, villageId: string): Promise<{ members: number; households: number; partyMembers: number } | null> {
  const counters = await store.find('residentCounts', { villageId }, { limit: MAX_COUNTERS })
  if (!counters.length || counters.some((c) => c.members === undefined)) return null
  const sum = (figure: (c: ResidentCount) => number | undefined) => counters.reduce((n, c) => n + (figure(c) ?? 0), 0)
  return { members: sum((c) => c.members), households: sum((c) => c.registered), partyMembers: sum((c) => c.partyMembers) }
}

/** How many residents the village has now, from its counters (one query, whatever its size). */
export async function residentCount(store: Store, villageId: string): Promise<number> {
  return sumTotals((await residentTotalsByGrid(store, villageId, 0)).values()).residents
}

export const sumTotals = (all: Iterable<ResidentTotals>): ResidentTotals =>
  [...all].reduce((s, t) => {
    const sum = { ...s }
    for (const k of Object.keys(ZERO) as Array<keyof ResidentTotals>) sum[k] += t[k]
    return sum
  }, { ...ZERO })

/**
 * Recounts a village from its memberships, households and agreements to the current version, and writes what differs:
 * each membership's agreement (rulesAgreed), the households' counting fields and every counter with 本村概况's figures (one per grid and shard, and one per grid
 * for the current version, zeros included, so that agreements, moves and departures rarely create one). Idempotent; run by the seed and at the local server's start (migrations.ts), when no agreement
 * or membership is being written. Returns how many documents it wrote.
 */
export async function rebuildResidentCounts(store: Store, villageId: string): Promise<number> {
  const village = await store.get('villages', villageId)
  if (!village) return 0
  const current = currentRules(village)
  const [all, households, grids, agreements, existing] = await Promise.all([
    findAll(store, 'memberships', { villageId }),
    findAll(store, 'households', { villageId }),
    store.find('grids', { villageId }, { limit: MAX_COUNTERS }),
    current ? findAll(store, 'ruleAgreements', { versionId: `${villageId}:v${current}` }) : Promise.resolve([]),
    store.find('residentCounts', { villageId }, { limit: MAX_COUNTERS }),
  ])
  // the members approved and not yet on the register are the job's to count (admissions.ts)
  const members = all.filter((m) => !m.registerDue)
  const agreed = new Set(agreements.map((a) => a.personId))
  const byId = new Map(households.map((h) => [h._id, h]))
  const perHousehold = new Map(households.map((h) => [h._id, { residents: 0, agreed: 0 }]))
  const counters = new Map<string, ResidentCount>()
  const counter = (gridId: string | null, shard: number) => {
    const id = residentCountId(villageId, gridId, shard)
    if (!counters.has(id)) counters.set(id, newCounter(id, villageId, gridId, shard, current, NO_CHANGE))
    return counters.get(id)!
  }
  for (const gridId of [...grids.map((g) => g._id), null]) {
    for (let s = 0; s < RESIDENT_SHARDS; s++) counter(gridId, s)
    // and its counter of the current version, so that a move or a departure adds to it without making it (a recount puts all on the shards)
    const byVersion = versionCountId(villageId, gridId, current)
    counters.set(byVersion, newCounter(byVersion, villageId, gridId, BY_VERSION, current, NO_CHANGE))
  }
  for (const m of members) {
    const h = m.householdId ? byId.get(m.householdId) : undefined
    const c = counter(h?.gridId ?? null, shardOf(m.personId))
    // 本村概况 counts every member, the rules' progress its residents
    c.members = (c.members ?? 0) + 1
    if (m.partyMember) c.partyMembers = (c.partyMembers ?? 0) + 1
    if (!isResident(m)) continue
    c.residents++
    if (agreed.has(m.personId)) c.agreedPersons++
    if (!h) continue
    const hc = perHousehold.get(h._id)!
    hc.residents++
    if (agreed.has(m.personId)) hc.agreed++
  }
  let written = await keepMembersAgreed(store, members, agreed, current)
  for (const h of households) {
    const hc = perHousehold.get(h._id)!
    const c = counter(h.gridId, shardOf(h._id))
    if (hc.residents > 0) c.households++
    if (hc.agreed > 0) c.agreedHouseholds++
    c.registered = (c.registered ?? 0) + 1
    if (!h.repPersonId) c.unrepresented = (c.unrepresented ?? 0) + 1
    const fields = householdFields(hc, current)
    if ((Object.keys(fields) as Array<keyof typeof fields>).every((k) => h[k] === fields[k])) continue
    await store.update('households', { _id: h._id }, { set: fields })
    written++
  }
  const before = new Map(existing.map((c) => [c._id, c]))
  for (const c of counters.values()) {
    const old = before.get(c._id)
    const { _id, ...fields } = c
    if (old && (Object.keys(fields) as Array<keyof typeof fields>).every((k) => old[k] === fields[k])) continue
    if (old) await store.update('residentCounts', { _id }, { set: fields })
    else await store.insert('residentCounts', c)
    written++
  }
  for (const old of existing) if (!counters.has(old._id)) written += await store.remove('residentCounts', { _id: old._id })
  return written
}

/** memberships written by one update of their ids */
const MEMBERS_AT_ONCE = 500

/** Marks each membership agreed to the current version or not (`rulesAgreed`) where it says otherwise; returns how many it wrote. */
async function keepMembersAgreed(store: Store, members: readonly Membership[], agreed: ReadonlySet<string>, current: number): Promise<number> {
  const wrong = members.filter((m) => m.rulesAgreed === undefined || (current > 0 && m.rulesAgreed === current) !== agreed.has(m.personId))
  let written = 0
  for (const [value, of] of [[current, wrong.filter((m) => agreed.has(m.personId))], [0, wrong.filter((m) => !agreed.has(m.personId))]] as const) {
    for (let i = 0; i < of.length; i += MEMBERS_AT_ONCE) {
      written += await store.update('memberships', { _id: { $in: of.slice(i, i + MEMBERS_AT_ONCE).map((m) => m._id) } }, { set: { rulesAgreed: value } })
    }
  }
  return written
}
