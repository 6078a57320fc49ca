/** An existing data folder whose person ids carry openids is migrated on start: ids that reveal nothing, every reference kept. */
import { migratePersonIds, renameIds } from '../../cloud/src/migrations'
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
  expect(legacy._id).toMatch(/^p_[A-Za-z0-9_-]{12}$/)
  expect(await store.get('memberships', `${X}:${legacy._id}`)).toMatchObject({ personId: legacy._id, name: '赵老伯' })
  expect(await store.get('ballots', `${topicId}:p_linshuisheng`)).toMatchObject({ personId: 'p_linshuisheng', castBy: 'p_linshuisheng' })
  expect(await store.count('memberships', { personId: 'p_demo-linzhiqiang' })).toBe(0)
  // and the app works on the migrated folder, for the demo and for the real user
  expect((await api.as(P.committee).call('account.me', {})).memberships.map((m) => m.villageId)).toContain(X)
  expect((await api.as(openid).call('topics.get', { villageId: X, topicId })).me.canVote).toBe(false) // joined before, but not on this topic's roll
  expect(await migratePersonIds(store)).toBe(0) // idempotent
})
