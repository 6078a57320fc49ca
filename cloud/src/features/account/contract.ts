import { z } from 'zod'
import { END_REASONS, RELATIONS } from './documents'
import type { AppNotification, Hall, JoinRequest, Membership, Person, Relation, Role, VillageKind } from './documents'
import { action } from '../../contract/action'
import { cursor } from '../../contract/inputs'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')
const villageId = id
const after = cursor

export interface MembersPage {
  members: Array<Membership & { doorplate: string | null }>
  /** the cursor of the next page; null after the last */
  next: string | null
}

export interface VillageCard {
  id: string
  name: string
  kind: VillageKind
  /** 汕尾市 · 海丰县 · 某某镇 */
  place: string
}

/** the membership as the app sees it: its village as a card (the stored facts replaced) */
export interface MembershipView extends Omit<Membership, 'village'> {
  village: VillageCard
}

export interface GeoTree {
  cities: Array<{
    id: string
    name: string
    counties: Array<{ id: string; name: string; towns: Array<{ id: string; name: string; villages: VillageCard[] }> }>
  }>
}

export interface Me {
  /** never the openid */
  person: Omit<Person, 'openid'> | null
  memberships: MembershipView[]
  requests: Array<JoinRequest & { village: VillageCard }>
  /** unread notices, counted up to 100 (the app shows 99+ past 99) */
  unread: number
}

export interface VillageCounts {
  members: number
  households: number
  grids: number
  partyMembers: number
}

export interface VillageOverview {
  village: VillageCard
  me: Membership
  counts: VillageCounts
  halls: Hall[]
  /** only for the committee */
  pendingRequests: number | null
}

/** 首页's first screen in one call: who I am, and the figures of the village the app acts in. */
export interface HomeOpen {
  me: Me
  /** the village asked for while I belong to it, else my first; null before I belong to one */
  villageId: string | null
  counts: VillageCounts | null
}

export const accountActions = {
  'geo.tree': action<GeoTree>()(z.object({})),
  'village.byScene': action<VillageCard>()(z.object({ scene: z.string().trim().min(1, '二维码无效').max(32, '二维码无效') })),
  /** a village's public card (name, kind, place: what the join picker lists), e.g. for a link to join it */
  'village.card': action<VillageCard>()(z.object({ villageId })),
  'account.me': action<Me>()(z.object({})),
  /** account.me and 本村概况 in one round trip; villageId: the village the app last acted in (it may be stale) */
  'home.open': action<HomeOpen>()(z.object({ villageId: villageId.optional() })),
  'join.request': action<JoinRequest>()(
    z.object({
      villageId,
      name: z.string().trim().min(2, '请填写真实姓名（至少两个字）').max(20, '姓名不超过20个字'),
      doorplate: z.string().trim().min(2, '请填写门牌号或户主信息').max(60, '门牌号不超过60个字'),
      relation: z.enum(RELATIONS, { errorMap: () => ({ message: '请选择与户主的关系' }) }),
      via: z.enum(['pick', 'scan']).default('pick'),
    }),
  ),
  'join.queue': action<Array<JoinRequest & { householdMatch: string | null; noHeadWarning?: string | null }>>()(
    z.object({ villageId, status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
  ),
  'join.decide': action<JoinRequest>()(
    z
      .object({
        villageId,
        requestId: id,
        decision: z.enum(['approve', 'reject']),
        reason: z.string().trim().max(200, '理由不超过200个字').optional(),
      })
      .refine((v) => v.decision === 'approve' || (v.reason && v.reason.length >= 2), {
        message: '驳回时请写明理由',
        path: ['reason'],
      }),
  ),
  'village.overview': action<VillageOverview>()(z.object({ villageId })),
  /**
   * The members a page at a time (`next` → `after`): the committee's everyone by name; a grid's (`gridId`, and always a
   * grid worker's) by household in 门牌号 order, the people of REGISTER_PAGE households a page.
   */
  'village.members': action<MembersPage>()(z.object({ villageId, gridId: id.optional(), after })),
  'village.poster': action<{ scene: string; page: string; image: string }>()(z.object({ villageId })),
  'notifications.list': action<AppNotification[]>()(z.object({})),
  'notifications.read': action<{ updated: number }>()(z.object({ ids: z.array(id).max(100) })),
}

export type { Role }

/** A household as the committee keeps it in the register (村民户籍). */
export interface HouseholdView {
  id: string
  doorplate: string
  gridId: string | null
  gridName: string
  headName: string
  rep: { personId: string; name: string } | null
  members: Array<{ personId: string; name: string; relation: Relation | null; roles: Role[] }>
  /** counts toward the quorum of a household vote: it has a 户代表 */
  canVote: boolean
}

/**
 * What a change to a household wrote (the page merges it into its view): its fields that changed, and the members it
 * changed, by personId (the others stay as the page has them).
 */
export type HouseholdChange = Partial<Omit<HouseholdView, 'id' | 'doorplate'>> & Pick<HouseholdView, 'id'>

export interface RegisterPage {
  /** REGISTER_PAGE households at most, in 门牌号 order */
  households: HouseholdView[]
  grids: Array<{ id: string; name: string }>
  /** the cursor of the next page; null after the last (and for a search) */
  next: string | null
  /** what the register holds where the page reads (the grid asked for, a grid worker's grids), counted: not this page's length */
  total: number
  /** of those, the households with no 户代表 (they cannot take part in a household vote) */
  noRep: number
  /** a search that found more than one answer shows: ask for more characters */
  narrow: boolean
}

/** the village register: households, their head and representative, grids, and memberships that end */
export const registerActions = {
  /**
   * The register a page at a time (`next` → `after`) in 门牌号 order: all of it, one grid (`gridId`, NO_GRID for none),
   * or a search `q` in 门牌号 and members' names (one answer, `narrow` when it found more).
   */
  'register.households': action<RegisterPage>()(
    z.object({ villageId, gridId: id.optional(), q: z.string().trim().max(20, '搜索词不超过20个字').optional(), after }),
  ),
  /** exactly one 户代表 per household: naming one replaces the other */
  'register.setRep': action<HouseholdChange>()(z.object({ villageId, householdId: id, personId: id })),
  'register.setHead': action<HouseholdChange>()(z.object({ villageId, householdId: id, personId: id })),
  'register.moveHousehold': action<HouseholdChange>()(z.object({ villageId, householdId: id, gridId: id })),
  'register.endMembership': action<{ ended: true }>()(
    z.object({
      villageId,
      personId: id,
      why: z.enum(END_REASONS, { errorMap: () => ({ message: '请选择原因' }) }),
      reason: z.string().trim().min(2, '请写明情况（至少两个字）').max(200, '不超过200个字'),
    }),
  ),
}

