/**
 * The content check stands before everything others read, not only residents' posts: the
 * committee's decisions, updates, hide and rejection reasons, roll and meeting-ballot reasons,
 * rule drafts — and every photo. The local stand-in refuses 赌博 / 六合彩 and a flat magenta photo.
 */
import sharp from 'sharp'
import { runJobs } from '../../cloud/src/jobs'
import { photoPath } from '../../cloud/src/common/photos'
import { REFUSED_IMAGE_COLOUR } from '../../cloud/src/adapters/local'
import {DAY, HOUR, P, X, openTopic, pid, topicInput } from './deliberation-fixture'
import { apiPerTest } from './harness'

const api = apiPerTest()

/** Refused with CONTENT_REJECTED naming the field, and nothing written anywhere. */
async function refusedCleanly(openid: string, action: string, input: unknown, field: string) {
  const before = await api.snapshot()
  const err = await api.as(openid).fail(action, input)
  expect(err).toMatchObject({ code: 'CONTENT_REJECTED', message: expect.stringMatching(/^(内容|图片)不合规：/), fields: { [field]: expect.any(String) } })
  expect(await api.snapshot()).toEqual(before)
  return err
}

describe("the committee's text that residents read is checked", () => {
  test('a rejection reason, a hide reason, a roll or meeting-ballot reason, an end-of-membership reason: 赌博 is refused, nothing written; clean text passes', async () => {
    const c = api.as(P.committee)
    const [pending] = await c.call('join.queue', { villageId: X })
    await refusedCleanly(P.committee, 'join.decide', { villageId: X, requestId: pending._id, decision: 'reject', reason: '去赌博了' }, 'reason')
    await c.call('join.decide', { villageId: X, requestId: pending._id, decision: 'reject', reason: '门牌号核对不上' })

    const topicId = await openTopic(api)
    const comment = await api.as(P.resident).call('comments.create', { villageId: X, topicId, text: '赞成，早该种了' })
    await refusedCleanly(P.committee, 'comments.hide', { villageId: X, commentId: comment._id, reason: '涉及六合彩' }, 'reason')
    await refusedCleanly(P.committee, 'ballots.recordInPerson', { villageId: X, topicId, voterPersonId: pid(P.chenjianguo), choices: ['yes'], reason: '会上说要去赌博' }, 'reason')
    await c.call('comments.hide', { villageId: X, commentId: comment._id, reason: '与议题无关' })

    const draft = await c.call('topics.save', topicInput(api))
    await refusedCleanly(P.committee, 'topics.amendRoll', { villageId: X, topicId: draft.topic._id, key: pid(P.linjun), change: 'remove', reason: '在外赌博不回' }, 'reason')
    await c.call('topics.amendRoll', { villageId: X, topicId: draft.topic._id, key: pid(P.linjun), change: 'remove', reason: '在外地读书' })

    await refusedCleanly(P.committee, 'register.endMembership', { villageId: X, personId: pid(P.resident), why: '迁出', reason: '因赌博被除名' }, 'reason')
  })

  test("a decision and an implementation update with 六合彩 are refused; a proposer's withdrawal reason too", async () => {
    const c = api.as(P.committee)
    const topicId = await openTopic(api, { closesAt: api.ports.clock.now() + DAY })
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    api.advance(DAY + HOUR)
    await runJobs(api.ports)
    await refusedCleanly(P.committee, 'topics.decide', { villageId: X, topicId, decision: '决定把鱼塘收入拿去买六合彩' }, 'decision')
    await c.call('topics.decide', { villageId: X, topicId, decision: '表决通过，今冬种树。' })
    await refusedCleanly(P.committee, 'topics.addUpdate', { villageId: X, topicId, text: '树苗款拿去赌博了' }, 'text')
    expect((await c.call('topics.addUpdate', { villageId: X, topicId, text: '树苗已采购到位' })).topic.updates).toHaveLength(1)

    const p = await api.as(P.resident).call('proposals.create', { villageId: X, title: '村里建一个篮球场', background: '年轻人下班后没有运动的地方，建议利用空地建篮球场。' })
    await refusedCleanly(P.resident, 'proposals.withdraw', { villageId: X, proposalId: p._id, reason: '改去赌博' }, 'reason')
  })

  test('a rule draft: the refused clause is named by its place, as the schema names fields', async () => {
    const chapters = [
      { title: '总则', clauses: [{ text: '村民应当遵守法律法规。' }] },
      { title: '社会治安', clauses: [{ text: '严禁赌博、吸食毒品，不得打架斗殴。' }, { text: '每月在祠堂组织一次赌博。' }] },
    ]
    const err = await refusedCleanly(P.committee, 'rules.saveDraft', { villageId: X, title: '新山村村规民约（修订稿）', chapters }, 'chapters.1.clauses.1.text')
    expect(err.fields!['chapters.1.clauses.1.text']).toContain('赌博')
    await refusedCleanly(P.committee, 'rules.saveDraft', { villageId: X, title: '六合彩公约', chapters: chapters.slice(0, 1) }, 'title')
    // a rule that forbids gambling is no gambling: the clause that says 严禁赌博 passes (as it does WeChat's check)
    const saved = await api.as(P.committee).call('rules.saveDraft', { villageId: X, title: '新山村村规民约（修订稿）', chapters: [chapters[0], { ...chapters[1], clauses: chapters[1].clauses.slice(0, 1) }] })
    expect(saved.chapters[1].clauses.map((k) => k.text)).toEqual(['严禁赌博、吸食毒品，不得打架斗殴。'])
  })
})

describe('photos are checked before anyone else sees them', () => {
  /** an uploaded photo of the village, as the local server stores it */
  async function photo(colour: { r: number; g: number; b: number }) {
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg().toBuffer()
    return (await api.ports.files.put(photoPath(X, api.ports.clock.now(), 'jpg'), bytes, 'image/jpeg')).fileId
  }

  test("a refused photo on a topic or an update: CONTENT_REJECTED 图片不合规, nothing saved; the other photos pass", async () => {
    const ok = await photo({ r: 90, g: 140, b: 60 })
    const refused = await photo(REFUSED_IMAGE_COLOUR)
    const err = await refusedCleanly(P.committee, 'topics.save', topicInput(api, { photos: [ok, refused] }), 'photos')
    expect(err).toMatchObject({ message: '图片不合规：图片含有违规内容', fields: { photos: '第2张图片不合规：图片含有违规内容' } })

    const topicId = await openTopic(api, { photos: [ok], closesAt: api.ports.clock.now() + DAY })
    api.advance(DAY + HOUR)
    await runJobs(api.ports)
    await api.as(P.committee).call('topics.decide', { villageId: X, topicId, decision: '表决通过，今冬种树。' })
    await refusedCleanly(P.committee, 'topics.addUpdate', { villageId: X, topicId, text: '树苗已采购到位', photos: [refused] }, 'photos')
    const done = await api.as(P.committee).call('topics.addUpdate', { villageId: X, topicId, text: '树苗已采购到位', photos: [ok] })
    expect(done.topic.updates[0].photos).toEqual([ok])
  })
})
