import type { DemoIdentity } from '../../contract/dev'
import type { Membership, Person, Village } from '../../contract/models'
import { ROLE_LABELS } from '../../contract/models'
import type { Handlers } from '../../handler'

/** Local runtime only: the 体验身份 picker. The cloud router never registers these. */
export const devHandlers: Handlers<'dev.identities'> = {
  'dev.identities': {
    access: { kind: 'anyone' },
    async handle(_input, ctx) {
      const [persons, memberships, villages] = await Promise.all([
        ctx.ports.store.find<Person & { demo?: boolean }>('persons', { demo: true }, { sort: [['_id', 'asc']] }),
        ctx.ports.store.find<Membership>('memberships', {}),
        ctx.ports.store.find<Village>('villages', {}),
      ])
      const villageName = new Map(villages.map((v) => [v._id, v.name]))
      return persons.map((p): DemoIdentity => {
        const mine = memberships.filter((m) => m.personId === p._id)
        const roles = [...new Set(mine.flatMap((m) => m.roles))]
        const summary = mine.length
          ? mine
              .map((m) => `${villageName.get(m.villageId)} · ${m.roles.map((r) => ROLE_LABELS[r]).join('、')}${m.partyMember ? '、党员' : ''}`)
              .join('；')
          : '尚未加入任何村（社区）'
        return { openid: p.openid, name: p.name, summary, roles }
      })
    },
  },
}
