/**
 * Data migrations, run when the local server starts (idempotent, and once per data folder: a meta
 * marker says it ran). Person ids that carried the WeChat openid
 * (`p_<openid>`, and the demo's `p_demo-<key>`) get ids that reveal nothing — the demo's `p_<key>`,
 * everyone else a random one — rewritten in every document that names them, composite ids included.
 * And topics opened before their tallies were kept as counters get them, built from their ballots; villages
 * before the rules' progress counters get theirs, counted from their residents and agreements, and before the
 * committee's counter of waiting work theirs; reports from before their kept times to accept and resolve get them
 * from their history; memberships from before they carried their village's name, kind and town get them, and the 四会's
 * members' memberships the list of their seats.
 */
import { COLLECTIONS } from './features'
import { newPersonId, personKeyOf } from './features/account/policy'
import { commentCountFromComments, tallyFromBallots } from './features/deliberation/data'
import { rebuildResidentCounts } from './features/account/residents'
import { rebuildWaitingCounts } from './features/account/waiting'
import { rebuildVolunteerHours } from './features/volunteer/hours'
import { gridNames, SERVING_ROLES, villageFacts } from './features/account/documents'
import { tookOf } from './features/reports/documents'
import { rebuildReportTotals } from './features/reports/totals'
import { rebuildMembershipCouncils } from './features/boards/data'
import { DuplicateIdError, type CollectionName, type Doc, type Store } from './ports/store'

const ALL = 1_000_000

/** New ids for persons whose id contains their openid. */
function renamesFor(persons: Array<{ _id: string; openid: string; createdAt: number }>): Map<string, string> {
  const out = new Map<string, string>()
  for (const p of persons) {
    if (!p.openid || !p._id.includes(p.openid)) continue
    const demo = /^demo-([a-z0-9]+)$/.exec(p.openid)
    out.set(p._id, demo ? `p_${demo[1]}` : newPersonId(p.createdAt || 0))
  }
  return out
}

/** Replaces every old id inside every string of a document (whole ids only, also within `a:b` ids). */
function rewriter(renames: Map<string, string>): <T>(value: T) => T {
  const escaped = [...renames.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = new RegExp(`(${escaped.join('|')})(?![A-Za-z0-9_-])`, 'g')
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (m) => renames.get(m)!)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk as <T>(value: T) => T
}

const MARKER = 'migration-person-ids-v1'

/** Returns how many documents it rewrote; a folder it has run on is not read again at the next start. */
export async function migratePersonIds(store: Store): Promise<number> {
  if (await store.get('meta', MARKER)) return 0
  const renames = renamesFor(await store.find('persons', {}, { limit: ALL }))
  const done = () => store.insert('meta', { _id: MARKER, at: Date.now() }).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
  if (!renames.size) return done().then(() => 0)
  const changed = await renameIds(store, renames)
  // the claim that keeps one person per openid
  for (const p of await store.find('persons', {}, { limit: ALL })) {
    await store.insert('personKeys', { _id: personKeyOf(p.openid), personId: p._id }).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
  }
  await done()
  return changed
}

/** Rewrites every document naming an old id (old -> new), moving documents whose own id changes. */
export async function renameIds(store: Store, renames: Map<string, string>): Promise<number> {
  const rewrite = rewriter(renames)
  let changed = 0
  for (const collection of COLLECTIONS as readonly CollectionName[]) {
    const raw = store as unknown as Store<Record<string, Doc>>
    for (const doc of await raw.find(collection, {}, { limit: ALL })) {
      const next = rewrite(doc)
      if (JSON.stringify(next) === JSON.stringify(doc)) continue
      await raw.transaction(async (tx) => {
        if (next._id === doc._id) {
          const { _id, ...fields } = next
          await tx.update(collection, _id, { set: fields })
        } else {
          await tx.insert(collection, next).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
          await tx.remove(collection, doc._id)
        }
      })
      changed++
    }
  }
  return changed
}

/** Runs `migrate` once per data folder: a meta marker written after it says it ran (a second start finds it). */
async function once(store: Store, marker: string, migrate: () => Promise<number>): Promise<number> {
  if (await store.get('meta', marker)) return 0
  const n = await migrate()
  await store.insert('meta', { _id: marker, at: Date.now() }).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
  return n
}

/** Runs `rebuild` for every village, once per data folder (under `marker`); returns what the rebuilds wrote (a rebuild that says nothing: 1). */
function eachVillageOnce(store: Store, marker: string, rebuild: (store: Store, villageId: string) => Promise<number | void>): Promise<number> {
  return once(store, marker, async () => {
    let written = 0
    for (const v of await store.find('villages', {}, { limit: ALL })) written += (await rebuild(store, v._id)) ?? 1
    return written
  })
}

const TALLIES = 'migration-topic-tallies-v1'

/**
 * Topics opened before the counters: an open one gets its shards, an ended one its final counts, each
 * from its ballots, once (a topic that has them is left alone). Run after the demo seed, before the
 * server takes a ballot. Returns how many topics it counted.
 */
export async function migrateTallies(store: Store): Promise<number> {
  return once(store, TALLIES, async () => {
    let counted = 0
    for (const t of await store.find('topics', {}, { limit: ALL })) if (await tallyFromBallots(store, t)) counted++
    return counted
  })
}

// v2: the discussion's total (every comment written) beside the shown ones
const COMMENT_COUNTS = 'migration-comment-counts-v2'

/**
 * Topics from before the comment counters get them, counted from their comments (the shown ones, and all written),
 * once (a counter a topic has is left alone). Run after the demo seed, before the server takes a comment. Returns how many it counted.
 */
export async function migrateCommentCounts(store: Store): Promise<number> {
  return once(store, COMMENT_COUNTS, async () => {
    let counted = 0
    for (const t of await store.find('topics', {}, { limit: ALL })) if (await commentCountFromComments(store, t)) counted++
    return counted
  })
}

// v2: with 本村概况's counter of each village; v3: with each membership's agreement to the current version; v4: with
// 本村概况's figures on the counters, and each grid's counter of the current version
const RESIDENT_COUNTS = 'migration-resident-counts-v4'

/**
 * Villages whose residents were not counted yet (a data folder from before the counters): each household's residents
 * and agreements and the grids' counters, recounted once. Run before the server takes an agreement or a join.
 * Returns how many documents it wrote.
 */
export const migrateResidentCounts = (store: Store): Promise<number> => eachVillageOnce(store, RESIDENT_COUNTS, rebuildResidentCounts)

// v2: the counter in shards (v1 wrote one document)
const WAITING_COUNTS = 'migration-waiting-counts-v2'

/**
 * Villages from before the committee's counter of waiting work (join requests, decisions, proposals, appeals,
 * deletions) get it, counted from their documents, once. Run before the server takes a request. Returns how many
 * counters it wrote.
 */
export const migrateWaitingCounts = (store: Store): Promise<number> => eachVillageOnce(store, WAITING_COUNTS, rebuildWaitingCounts)

const SERVING_MEMBERS = 'migration-serving-members-v1'

/**
 * Members holding a serving role from before the `serving` mark get it (a grid's workers, the committee and the town's
 * officers are found by it), once: one update per serving role. Returns how many memberships it marked.
 */
export async function migrateServingMembers(store: Store): Promise<number> {
  return once(store, SERVING_MEMBERS, async () => {
    let marked = 0
    for (const role of SERVING_ROLES) marked += await store.update('memberships', { roles: { $has: role }, serving: { $ne: true } }, { set: { serving: true } })
    return marked
  })
}

/** v1 wrote the facts without the grids */
const MEMBERSHIP_VILLAGES = 'migration-membership-villages-v2'

/**
 * Villages from before they carried their grids' names get them, and memberships from before they carried their
 * village's fixed facts (name, kind, town, grids) get them, once: one update per village and one of its memberships
 * (the facts never change, so writing them again is harmless). Returns how many memberships it wrote.
 */
export async function migrateMembershipVillages(store: Store): Promise<number> {
  return once(store, MEMBERSHIP_VILLAGES, async () => {
    let written = 0
    for (const v of await store.find('villages', {}, { limit: ALL })) {
      const grids = v.grids ?? gridNames(await store.find('grids', { villageId: v._id }, { sort: [['_id', 'asc']], limit: ALL }))
      if (!v.grids) await store.update('villages', { _id: v._id }, { set: { grids } })
      written += await store.update('memberships', { villageId: v._id }, { set: { village: villageFacts({ ...v, grids }) } })
    }
    return written
  })
}

const MEMBERSHIP_COUNCILS = 'migration-membership-councils-v1'

/**
 * The 四会's members from before their memberships listed their seats (boards' Membership.councils) get the list,
 * once per data folder: a reviewer of nominations is then checked without reading the seat. Returns how many it wrote.
 */
export const migrateMembershipCouncils = (store: Store): Promise<number> => eachVillageOnce(store, MEMBERSHIP_COUNCILS, rebuildMembershipCouncils)

const REPORT_TIMES = 'migration-report-times-v1'
const REPORT_PAGE = 1000

/**
 * Reports from before their times to accept and resolve were kept on them (the figures sum those) get them from their
 * history, once, a page at a time by id. Run before the server takes a report's step. Returns how many it wrote.
 */
export async function migrateReportTimes(store: Store): Promise<number> {
  return once(store, REPORT_TIMES, async () => {
    let written = 0
    for (let after = ''; ; ) {
      const page = await store.find('reports', { _id: { $gt: after } }, { sort: [['_id', 'asc']], limit: REPORT_PAGE })
      for (const r of page) {
        if (r.acceptTook !== undefined && r.resolveTook !== undefined) continue
        await store.update('reports', { _id: r._id }, { set: tookOf(r) })
        written++
      }
      if (page.length < REPORT_PAGE) return written
      after = page[page.length - 1]._id
    }
  })
}

const VOLUNTEER_HOURS = 'migration-volunteer-hours-v1'

/**
 * Villages from before 志愿时长's counters get them, counted from their confirmed sign-ups, once. Run before the
 * server takes a confirmation. Returns how many documents it wrote.
 */
export const migrateVolunteerHours = (store: Store): Promise<number> => eachVillageOnce(store, VOLUNTEER_HOURS, rebuildVolunteerHours)

const REPORT_TOTALS = 'migration-report-totals-v1'

/**
 * Each village's closed reports counted into their counters (reports/totals.ts), once: after migrateReportTimes (the
 * counters sum those times). Until then a village's figures count its closed reports live. Returns the villages built.
 */
export const migrateReportTotals = (store: Store): Promise<number> => eachVillageOnce(store, REPORT_TOTALS, rebuildReportTotals)
