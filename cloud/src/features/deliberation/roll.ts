/**
 * The voter roll (选民名册) of a topic: published once the topic opens, as villages post the list on
 * the notice board (names only, never a choice); before that, the committee amends the draft's —
 * adding someone the register leaves out or taking someone off, always with a reason, audited.
 */
import type { RollView, rollActions } from './contract'
import type { RollChange, Topic } from './documents'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { audit } from '../../common/audit'
import { getInVillage } from '../../common/load'
import { checkText } from '../../common/content'
import { isCommittee } from '../account/policy'
import { loadGrids, loadTopic, loadVoters, registerVoters } from './data'
import { amendedRoll } from './policy'
import { wordsOf } from '../account/common'

type Register = Awaited<ReturnType<typeof registerVoters>>

/** The view of a topic's roll; a draft's is computed from the register (read once: pass it when already read). */
async function rollView(ctx: MemberContext, t: Topic, register?: Register): Promise<RollView> {
  const { store } = ctx.ports
  const manage = isCommittee(ctx.membership)
  const [grids, reg] = await Promise.all([loadGrids(store, t.villageId), t.status === 'draft' ? (register ?? registerVoters(store, t.villageId, t.mode)) : null])
  const roll = reg ? amendedRoll(reg.eligible, reg.candidates, t.rollChanges ?? []) : await loadVoters(store, t)
  const gridName = new Map(grids.map((g) => [g._id, g.name]))
  let addable: RollView['addable'] = null
  if (manage && reg) {
    const onRoll = new Set(roll.map((v) => v.key))
    addable = reg.candidates.filter((v) => !onRoll.has(v.key)).map(({ key, name, doorplate }) => ({ key, name, doorplate }))
  }
  return {
    topic: { title: t.title, status: t.status, opensAt: t.opensAt, publishedAt: t.publishedAt },
    frozen: t.status !== 'draft',
    mode: t.mode,
    entries: roll.map((v) => ({ key: v.key, name: v.name, doorplate: v.doorplate, gridName: (v.gridId && gridName.get(v.gridId)) || '未分网格' })),
    changes: manage ? (t.rollChanges ?? []) : null,
    addable,
  }
}

export const rollHandlers: Handlers<typeof rollActions> = {
  'topics.roll': {
    access: ACCESS.member,
    async handle({ villageId, topicId }, ctx) {
      return rollView(ctx, await loadTopic(ctx, villageId, topicId))
    },
  },

  'topics.amendRoll': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, key, change, reason }, ctx) {
      const { store } = ctx.ports
      const t = await loadTopic(ctx, villageId, topicId)
      if (t.status !== 'draft') throw new ApiError('CONFLICT', '议题已发布，选民名册已固定，不能再修改')
      const register = await registerVoters(store, villageId, t.mode)
      const { candidates } = register
      const roll = amendedRoll(register.eligible, candidates, t.rollChanges ?? [])
      const onRoll = roll.find((v) => v.key === key)
      const who = onRoll ?? candidates.find((v) => v.key === key)
      if (!who) {
        const { here, people } = await wordsOf(ctx, villageId)
        throw new ApiError('NOT_FOUND', t.mode === 'household' ? `${here}没有这一户，或该户还没有户代表` : `该${people}不是${here}成员`)
      }
      if (change === 'add' && onRoll) throw new ApiError('CONFLICT', `${who.name}已在选民名册上`)
      if (change === 'remove' && !onRoll) throw new ApiError('CONFLICT', `${who.name}不在选民名册上`)
      await checkText(ctx, { reason })
      const entry: RollChange = { key, name: who.name, doorplate: who.doorplate, change, reason, byName: ctx.membership.name, at: ctx.now }
      // read-modify-write of the draft, in one transaction with its audit entry
      const saved = await store.transaction(async (tx) => {
        const draft = await getInVillage(tx, 'topics', topicId, villageId, '找不到该议题')
        if (draft.status !== 'draft') throw new ApiError('CONFLICT', '议题已发布，选民名册已固定，不能再修改')
        const rollChanges = [...(draft.rollChanges ?? []), entry]
        await tx.update('topics', topicId, { set: { rollChanges } })
        const label = `${t.title}：${change === 'add' ? '加入' : '移出'}${who.name}${who.doorplate ? `（${who.doorplate}）` : ''}`
        await audit(ctx, 'topics.amendRoll', { type: 'topic', id: topicId, label }, reason, tx)
        return { ...draft, rollChanges }
      })
      return rollView(ctx, saved, register)
    },
  },
}
