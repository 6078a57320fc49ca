/** 小微权力清单: residents read the duty list and each duty's 办事指南; the committee adds and changes duties (audited). */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers } from '../../handler'
import { audit } from '../../common/audit'
import { checkText } from '../../common/content'
import { findAll, getInVillage } from '../../common/load'
import { newId } from '../../common/ids'
import { isCommittee } from '../account/policy'
import type { affairsActions } from './contract'
import { DUTY_KINDS, type Duty } from './documents'
import { dutyView } from './data'

const NOT_FOUND = '找不到该事项'
const KIND_ORDER = Object.fromEntries(DUTY_KINDS.map((k, i) => [k, i])) as Record<Duty['kind'], number>

type DutyActions = Pick<typeof affairsActions, 'affairs.duties' | 'affairs.duty' | 'affairs.saveDuty'>

export const dutyHandlers: Handlers<DutyActions> = {
  'affairs.duties': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const duties = (await findAll(ctx.ports.store, 'duties', { villageId })).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.order - b.order)
      const counts = { duty: 0, assist: 0, banned: 0 }
      for (const d of duties) counts[d.kind]++
      return { duties: duties.map(dutyView), counts, canEdit: isCommittee(ctx.membership) }
    },
  },

  'affairs.duty': {
    access: ACCESS.member,
    handle: async ({ villageId, dutyId }, ctx) => dutyView(await getInVillage(ctx.ports.store, 'duties', dutyId, villageId, NOT_FOUND)),
  },

  'affairs.saveDuty': {
    access: ACCESS.committee,
    async handle({ villageId, dutyId, kind, name, basis, steps, responsible, timeLimit, guide }, ctx) {
      const { store } = ctx.ports
      // a 禁入 item is what the village must not do: nobody comes to have it done
      if (kind === 'banned' && guide) throw new ApiError('BAD_INPUT', '禁入事项不能有办事指南', { guide: '禁入事项不能有办事指南' })
      if (guide && !guide.needsCertificate && guide.certificateNote.length < 4) throw new ApiError('BAD_INPUT', '请说明为什么不需要证明', { certificateNote: '请说明为什么不需要证明' })
      const old = dutyId ? await getInVillage(store, 'duties', dutyId, villageId, NOT_FOUND) : null
      await checkText(ctx, { name, basis, steps: steps.join('\n'), responsible, timeLimit, guide: guide ? [...guide.bring, guide.where, guide.when, guide.phone, guide.certificateNote].join('\n') : '' })
      const order = old?.order ?? (await findAll(store, 'duties', { villageId, kind })).reduce((max, d) => Math.max(max, d.order), 0) + 1
      const duty: Duty = { _id: old?._id ?? `${villageId}:${newId('d', ctx.now)}`, villageId, order, kind, name, basis, steps, responsible, timeLimit, guide, updatedAt: ctx.now, updatedByName: ctx.membership.name }
      await store.transaction(async (tx) => {
        if (old) {
          await getInVillage(tx, 'duties', old._id, villageId, NOT_FOUND)
          const { _id, ...fields } = duty
          await tx.update('duties', _id, { set: fields })
        } else await tx.insert('duties', duty)
        await audit(ctx, old ? 'affairs.editDuty' : 'affairs.addDuty', { type: 'duty', id: duty._id, label: name }, null, tx)
      })
      return dutyView(duty)
    },
  },
}
