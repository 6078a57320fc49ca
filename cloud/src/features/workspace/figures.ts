/** The town officer's and the hall staff's workspaces: the figures account computes for them and for 首页's 待办. */
import { ApiError } from '../../errors'
import type { Access, Handlers } from '../../handler'
import { shanghaiDay } from '../../common/time'
import { hallDay, townFigures } from '../account/figures'
import { wordsOf } from '../account/common'
import type { workspaceActions } from './contract'

const TOWN_ACCESS: Access = { kind: 'member', roles: ['townOfficer'] }
const HALL_ACCESS: Access = { kind: 'member', roles: ['hallStaff'] }

export const figureHandlers: Handlers<Pick<typeof workspaceActions, 'workspace.town' | 'workspace.hall'>> = {
  'workspace.town': {
    access: TOWN_ACCESS,
    async handle(_input, ctx) {
      const townId = ctx.membership.townId
      if (!townId) throw new ApiError('FORBIDDEN', '您的账号没有登记所属镇街，请联系镇街管理员')
      const { store } = ctx.ports
      const today = shanghaiDay(ctx.now)
      const [town, villages] = await Promise.all([store.get('regions', townId), townFigures(store, townId, today, ctx.now)])
      return { townName: town?.name ?? '', date: today, villages }
    },
  },

  'workspace.hall': {
    access: HALL_ACCESS,
    async handle({ villageId }, ctx) {
      const hallId = ctx.membership.hallId
      const { store } = ctx.ports
      const hall = hallId ? await store.get('halls', hallId) : null
      if (!hall || hall.villageId !== villageId) throw new ApiError('FORBIDDEN', `您的账号没有登记所在的服务中心，请联系${(await wordsOf(ctx, villageId)).committee}`)
      return hallDay(store, hall, shanghaiDay(ctx.now), ctx.now)
    },
  },
}
