import type { DemoIdentity } from './contract'
import { roleWord } from '../account/documents'
import { ACCESS, type Handlers } from '../../handler'
import type { devActions } from './contract'

/** Local runtime only: the 体验身份 picker. The cloud router never registers these. */
export const devHandlers: Handlers<typeof devActions> = {
  'dev.identities': {
    access: ACCESS.anyone,
    async handle(_input, ctx) {
      const [persons, memberships, villages] = await Promise.all([
        ctx.ports.store.find('persons', { demo: true }, { sort: [['_id', 'asc']] }),
        ctx.ports.store.find('memberships', {}),
        ctx.ports.store.find('villages', {}),
      ])
      const villageOf = new Map(villages.map((v) => [v._id, v]))
      return persons.map((p): DemoIdentity => {
        const mine = memberships.filter((m) => m.personId === p._id)
        const roles = [...new Set(mine.flatMap((m) => m.roles))]
        const summary = mine.length
          ? mine
              .map((m) => `${villageOf.get(m.villageId)?.name} · ${m.roles.map((r) => roleWord(r, villageOf.get(m.villageId)?.kind ?? 'village')).join('、')}${m.partyMember ? '、党员' : ''}`)
              .join('；')
          : '尚未加入任何村（社区）'
        return { openid: p.openid, name: p.name, summary, roles }
      })
    },
  },
}
