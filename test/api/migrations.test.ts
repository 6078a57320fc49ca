/** An existing data folder whose person ids carry openids is migrated on start: ids that reveal nothing, every reference kept. */
import { migrateCommentCounts, migrateMembershipCouncils, migrateMembershipVillages, migratePersonIds, migrateReportTimes, migrateReportTotals, migrateServingMembers, migrateTallies, renameIds } from '../../cloud/src/migrations'
import { servesIn } from '../../cloud/src/features/account/documents'
import { countsOfTopic, loadVoters } from '../../cloud/src/features/deliberation/data'
import { countsOf } from '../../cloud/src/features/deliberation/policy'
import { apiPerTest } from './harness'
import { openTopic, P, X} from './deliberation-fixture'

const api = apiPerTest()

test('p_<openid> and p_demo-<key> ids become random and p_<key>; memberships, ballots and audit follow; sign-in still works', async () => {
  const { store } = api.ports
  const topicId = await openTopic(api)
  await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
  // make the folder look like one written before: demo ids with the openid, and a real WeChat user's
  const demo = await store.find('persons', {})
  await renameIds(store, new Map(demo.map((p) => [p._id, `p_${p.openid}`])))
  const openid = 'oWxLegacyUser0000000000001'
  await store.insert('persons', { _id: `p_${openid}`, openid, name: '赵老伯', createdAt: 0 })
  await store.insert('memberships', { ...(await store.get('memberships', `${X}:p_demo-linjun`))!, _id: `${X}:p_${openid}`, personId: `p_${openid}`, name: '赵老伯', roles: ['resident'] })
  expect(await store.get('ballots', `${topicId}:p_demo-linshuisheng`)).not.toBeNull()

  expect(await migratePersonIds(store)).toBeGreaterThan(0)
  for (const p of await store.find('persons', {})) expect(p._id).not.toContain(p.openid)
  const legacy = (await store.find('persons', { openid }))[0]
  expect(legacy._id).toMatch(/^p_[0-9a-z]{6}[A-Za-z0-9_-]{12}$/)
  expect(await store.get('memberships', `${X}:${legacy._id}`)).toMatchObject({ personId: legacy._id, name: '赵老伯' })
  expect(await store.get('ballots', `${topicId}:p_linshuisheng`)).toMatchObject({ personId: 'p_linshuisheng', castBy: 'p_linshuisheng' })
  expect(await store.count('memberships', { personId: 'p_demo-linzhiqiang' })).toBe(0)
  // and the app works on the migrated folder, for the demo and for the real user
  expect((await api.as(P.committee).call('account.me', {})).memberships.map((m) => m.villageId)).toContain(X)
  expect((await api.as(openid).call('topics.get', { villageId: X, topicId })).me.canVote).toBe(false) // joined before, but not on this topic's roll
  expect(await migratePersonIds(store)).toBe(0) // idempotent
})

describe('the counters', () => {
  /** a topic's counts as the app reads them, and as a recount of its ballots and roll gives them */
  async function countsNow(topicId: string) {
    const { store } = api.ports
    const t = (await store.get('topics', topicId))!
    const [kept, ballots, roll] = await Promise.all([countsOfTopic(store, t, true), store.find('ballots', { topicId }), loadVoters(store, t)])
    return { kept, recount: countsOf(ballots, roll), t }
  }

  test('the demo seed counts every opened topic: shards for the open ones, final counts on the ended ones, equal to a recount', async () => {
    const topics = (await api.ports.store.find('topics', {})).filter((t) => t.status !== 'draft')
    expect(topics.length).toBeGreaterThan(4)
    for (const t of topics) {
      const { kept, recount } = await countsNow(t._id)
      expect(t.status === 'open' ? t.tallyShards : t.final).toBeTruthy()
      expect(kept).toEqual(recount)
    }
    expect(await migrateTallies(api.ports.store)).toBe(0) // the seed left nothing to count
  })

  test('a topic opened before the counters reads its ballots until the migration builds them, once; then every ballot counts', async () => {
    const { store } = api.ports
    const topicId = await openTopic(api)
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    await api.as(P.committee).call('ballots.cast', { villageId: X, topicId, choices: ['no'] })
    // as it was before the counters: no shards, none named on the topic
    await store.remove('topicTallies', { topicId })
    await store.update('topics', { _id: topicId }, { set: { tallyShards: undefined } })
    const before = await api.as(P.committee).call('topics.get', { villageId: X, topicId })
    expect(before.tally!.map((o) => o.votes)).toEqual([1, 1, 0])
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['abstain'] }) // not counted anywhere yet: read from the ballots

    expect(await migrateTallies(store)).toBe(1)
    expect(await migrateTallies(store)).toBe(0)
    const built = await countsNow(topicId)
    expect(built.t.tallyShards).toBeGreaterThan(1)
    expect(built.kept).toEqual(built.recount)
    // a change takes the old choice out of the counters, a new voter adds theirs
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    await api.as(P.chenjianguo).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    const after = await api.as(P.committee).call('topics.get', { villageId: X, topicId })
    expect(after.tally!.map((o) => o.votes)).toEqual([2, 1, 0])
    expect(after.turnout.participants).toBe(3)
    const { kept, recount } = await countsNow(topicId)
    expect(kept.ballots).toEqual({ online: 3, proxy: 0, meeting: 0 })
    expect({ ...kept, votes: { ...kept.votes, abstain: undefined } }).toEqual({ ...recount, votes: { ...recount.votes, abstain: undefined } })
  })
})

describe('comment counters (issue 16)', () => {
  const shown = (topicId: string) => api.ports.store.count('comments', { topicId, hidden: null, deletedAt: null })
  const listed = async (topicId: string) => (await api.as(P.resident).call('topics.list', { villageId: X })).find((t) => t.id === topicId)!.commentCount

  test('the demo seed gives every topic its count of shown comments (the hidden one left out); the migration finds none to count', async () => {
    const topics = await api.ports.store.find('topics', {})
    for (const t of topics) expect(t.commentCount).toBe(await shown(t._id))
    for (const t of topics) expect(t.commentTotal).toBe(await api.ports.store.count('comments', { topicId: t._id }))
    const road = topics.find((t) => t._id === `${X}:t1`)!
    expect(road.commentCount).toBeGreaterThan(0)
    expect(road.commentCount).toBeLessThan(await api.ports.store.count('comments', { topicId: road._id }))
    expect(await migrateCommentCounts(api.ports.store)).toBe(0)
  })

  test('a topic from before the counter is counted on read until the migration sets it, once; then comments keep it', async () => {
    const { store } = api.ports
    const topicId = await openTopic(api)
    await api.as(P.resident).call('comments.create', { villageId: X, topicId, text: '我赞成这个方案。' })
    await store.update('topics', { _id: topicId }, { set: { commentCount: undefined, commentTotal: undefined } })
    // a comment written meanwhile is not counted on the topic (it has no counter), but the lists count it
    await api.as(P.chenjianguo).call('comments.create', { villageId: X, topicId, text: '同意，尽快办。' })
    expect((await store.get('topics', topicId))!.commentCount).toBeUndefined()
    expect((await store.get('topics', topicId))!.commentTotal).toBeUndefined()
    expect(await listed(topicId)).toBe(2)
    const discussed = async () => (await api.as(P.resident).call('comments.list', { villageId: X, topicId })).total
    expect(await discussed()).toBe(2)
    await store.remove('meta', { _id: 'migration-comment-counts-v2' })
    expect(await migrateCommentCounts(store)).toBe(1)
    expect(await migrateCommentCounts(store)).toBe(0)
    await api.as(P.wulihua).call('comments.create', { villageId: X, topicId, text: '我也支持。' })
    expect((await store.get('topics', topicId))!.commentCount).toBe(3)
    expect((await store.get('topics', topicId))!.commentTotal).toBe(3)
    expect(await listed(topicId)).toBe(3)
    expect(await discussed()).toBe(3)
  })
})

describe('serving members (issue 16)', () => {
  test('the seed marks exactly the members who serve; a folder from before is marked once', async () => {
    const { store } = api.ports
    const all = await store.find('memberships', {}, { limit: 10_000 })
    expect(all.filter((m) => m.serving).map((m) => m._id).sort()).toEqual(all.filter((m) => servesIn(m.roles)).map((m) => m._id).sort())
    expect(all.some((m) => m.roles.includes('gridWorker'))).toBe(true)
    // a folder written before the mark
    await store.update('memberships', { serving: true }, { set: { serving: undefined } })
    expect(await store.count('memberships', { serving: true })).toBe(0)
    await store.remove('meta', { _id: 'migration-serving-members-v1' })
    expect(await migrateServingMembers(store)).toBe(all.filter((m) => servesIn(m.roles)).length)
    expect(await migrateServingMembers(store)).toBe(0)
    const marked = await store.find('memberships', { serving: true }, { limit: 10_000 })
    expect(marked.map((m) => m._id).sort()).toEqual(all.filter((m) => servesIn(m.roles)).map((m) => m._id).sort())
  })
})

describe('a membership’s village facts (issue 16)', () => {
  test('every seeded and admitted membership carries its village’s name, kind, town and grids; a folder from before gets them once', async () => {
    const { store } = api.ports
    const villages = new Map((await store.find('villages', {})).map((v) => [v._id, v]))
    const grids = async (villageId: string) => (await store.find('grids', { villageId }, { sort: [['_id', 'asc']] })).map((g) => ({ _id: g._id, name: g.name }))
    const facts = async (m: { villageId: string }) => ({ name: villages.get(m.villageId)!.name, kind: villages.get(m.villageId)!.kind, townId: villages.get(m.villageId)!.townId, grids: await grids(m.villageId) })
    const all = await store.find('memberships', {}, { limit: 10_000 })
    for (const m of all) expect(m.village).toEqual(await facts(m))
    // a folder written before the facts were carried, and before its villages carried their grids
    await store.update('memberships', {}, { set: { village: undefined } })
    await store.update('villages', {}, { set: { grids: undefined } })
    await store.remove('meta', { _id: 'migration-membership-villages-v2' })
    expect(await migrateMembershipVillages(store)).toBe(all.length)
    expect(await migrateMembershipVillages(store)).toBe(0)
    for (const m of await store.find('memberships', {}, { limit: 10_000 })) expect(m.village).toEqual(await facts(m))
    for (const v of await store.find('villages', {})) expect(v.grids).toEqual(await grids(v._id))
  })
})

describe('a membership’s 四会 seats (issue 16)', () => {
  test('every seat holder’s seeded membership lists their seats; a folder from before gets the lists once', async () => {
    const { store } = api.ports
    const seats = await store.find('councilMembers', {}, { limit: 10_000 })
    const heldBy = (m: { villageId: string; personId: string }) => seats.filter((c) => c.villageId === m.villageId && c.personId === m.personId).map((c) => c.council).sort()
    const holders = async () => (await store.find('memberships', {}, { limit: 10_000 })).filter((m) => heldBy(m).length)
    expect((await holders()).length).toBeGreaterThan(1)
    for (const m of await holders()) expect([...m.councils!].sort()).toEqual(heldBy(m))
    // a folder written before the lists were carried
    await store.update('memberships', {}, { set: { councils: undefined } })
    await store.remove('meta', { _id: 'migration-membership-councils-v1' })
    expect(await migrateMembershipCouncils(store)).toBe((await holders()).length)
    expect(await migrateMembershipCouncils(store)).toBe(0)
    for (const m of await holders()) expect([...m.councils!].sort()).toEqual(heldBy(m))
  })
})

describe('reports’ times to accept and resolve (issue 16)', () => {
  test('the seed keeps them from each report’s history; a folder from before gets them once, and the figures read them', async () => {
    const { store } = api.ports
    const all = () => store.find('reports', { villageId: X }, { sort: [['_id', 'asc']], limit: 1000 })
    const seeded = await all()
    const figures = () => api.as(P.committee).call('reports.figures', { villageId: X })
    const before = await figures()
    expect(before.avgAcceptHours).not.toBeNull()
    expect(before.avgResolveDays).not.toBeNull()
    // a folder written before the times were kept (and before the closed reports' counters): no times to average
    await store.update('reports', { villageId: X }, { set: { acceptTook: undefined, resolveTook: undefined } })
    await store.remove('reportTotals', {})
    expect([(await figures()).avgAcceptHours, (await figures()).avgResolveDays]).toEqual([null, null])
    await store.remove('meta', { _id: 'migration-report-times-v1' })
    expect(await migrateReportTimes(store)).toBeGreaterThanOrEqual(seeded.length)
    expect(await migrateReportTimes(store)).toBe(0)
    expect(await all()).toEqual(seeded)
    // counted live until the counters are built, then read from them: the same figures
    expect(await figures()).toEqual(before)
    await store.remove('meta', { _id: 'migration-report-totals-v1' })
    expect(await migrateReportTotals(store)).toBeGreaterThan(0)
    expect(await migrateReportTotals(store)).toBe(0)
    expect(await store.count('reportTotals', { villageId: X, status: 'built' })).toBe(1)
    expect(await figures()).toEqual(before)
  })
})
