import type { GeoTree, Me, MembersPage, VillageCard, VillageCounts } from './contract'
import type { Grid, JoinRequest, Membership, Person, PersonKey, VillageFacts } from './documents'
import { committeeWord, MEMBERS_PAGE } from './documents'
import { householdsAfter, householdScope, membersOf } from './register'
import { cursorAfter, pageAfter } from '../../common/keyset'
import { DuplicateIdError } from '../../ports/store'
import { ApiError } from '../../errors'
import { ACCESS, type Context, type Handlers } from '../../handler'
import { notify, villageCard, villageCards, villageFactsOf } from './common'
import { noticeView } from './notices'
import { villageFigures } from './residents'
import { keepWaiting } from './waiting'
import { audit } from '../../common/audit'
import { qrDataUrl } from '../../common/qr'
import { householdId, isCommittee, newPersonId, personKeyOf, personView } from './policy'
import type { accountActions } from './contract'
import { checkText } from '../../common/content'
import { pageUrl } from '../../../../src/routes'


// the page a village's QR code opens (wxacode.getUnlimited takes it without the leading '/')
const JOIN_PAGE = pageUrl('account.join').slice(1)

async function cardsFor(ctx: Context, villageIds: string[]): Promise<Map<string, VillageCard>> {
  const villages = await ctx.ports.store.find('villages', { _id: { $in: [...new Set(villageIds)] } })
  const cards = await villageCards(ctx, villages)
  return new Map(cards.map((c) => [c.id, c]))
}

/** unread notices are counted up to this (the app shows 99+ past 99): account.me stays one small read however many */
const UNREAD_COUNTED = 100

/** Who I am: my person, villages (each with its card), requests to join and unread count (account.me, home.open). */
async function meOf(ctx: Context): Promise<{ me: Me; memberships: Membership[] }> {
  if (!ctx.person) return { me: { person: null, memberships: [], requests: [], unread: 0 }, memberships: [] }
  const personId = ctx.person._id
  const [memberships, requests, unread] = await Promise.all([
    ctx.ports.store.find('memberships', { personId }, { sort: [['joinedAt', 'asc']] }),
    ctx.ports.store.find('joinRequests', { personId }, { sort: [['createdAt', 'desc']] }),
    // a committee member away for weeks has thousands: counted to UNREAD_COUNTED, shown as 99+
    ctx.ports.store.count('notifications', { personId, read: false }, UNREAD_COUNTED),
  ])
  const cards = await cardsFor(ctx, [...memberships.map((m) => m.villageId), ...requests.map((r) => r.villageId)])
  const me: Me = {
    person: personView(ctx.person),
    memberships: memberships.map((m) => ({ ...m, village: cards.get(m.villageId)! })),
    requests: requests.map((r) => ({ ...r, village: cards.get(r.villageId)! })),
    unread,
  }
  return { me, memberships }
}

/** 本村概况's figures: the village's counters and its grids (a few), or for a village from before the counters four counts */
async function villageCounts(ctx: Context, villageId: string): Promise<VillageCounts> {
  const { store } = ctx.ports
  const [kept, grids] = await Promise.all([villageFigures(store, villageId), store.count('grids', { villageId })])
  if (kept) return { members: kept.members, households: kept.households, grids, partyMembers: kept.partyMembers }
  const [members, households, partyMembers] = await Promise.all([
    store.count('memberships', { villageId }),
    store.count('households', { villageId }),
    store.count('memberships', { villageId, partyMember: true }),
  ])
  return { members, households, grids, partyMembers }
}

/**
 * A first-time caller's person record and its claim (one person per openid): written in the transaction of
 * what they first ask for, so that joining costs one write. Its name is what they wrote when asking to join.
 */
function newPerson(ctx: Context, name: string): { person: Person; claim: PersonKey } {
  const person: Person = { _id: newPersonId(ctx.now), openid: ctx.openid, name, createdAt: ctx.now }
  return { person, claim: { _id: personKeyOf(ctx.openid), personId: person._id } }
}

/** The person a concurrent first call of the same caller created (its claim won). */
async function claimedPerson(ctx: Context): Promise<Person> {
  const { store } = ctx.ports
  const won = await store.get('personKeys', personKeyOf(ctx.openid))
  const existing = won ? await store.get('persons', won.personId) : null
  if (!existing) throw new ApiError('CONFLICT')
  return existing
}

/**
 * An approved request's person, a member at once: a resident of their household (its id from the doorplate), with the
 * village's fixed facts; the job writes them onto the register (admissions.ts: the household, its 户代表, the counters).
 */
const newMember = (request: JoinRequest, village: VillageFacts, now: number): Membership => ({
  _id: `${request.villageId}:${request.personId}`,
  villageId: request.villageId,
  personId: request.personId,
  name: request.name,
  householdId: householdId(request.villageId, request.doorplate),
  relation: request.relation,
  roles: ['resident'],
  partyMember: false,
  gridIds: [],
  hallId: null,
  townId: null,
  joinedAt: now,
  village,
  registerDue: true,
})

export const accountHandlers: Handlers<typeof accountActions> = {
  'geo.tree': {
    access: ACCESS.anyone,
    async handle(_input, ctx) {
      const [regions, villages] = await Promise.all([
        ctx.ports.store.find('regions', {}, { sort: [['_id', 'asc']] }),
        ctx.ports.store.find('villages', {}, { sort: [['_id', 'asc']] }),
      ])
      const byParent = (kind: string, parentId: string | null) => regions.filter((r) => r.kind === kind && r.parentId === parentId)
      const tree: GeoTree = {
        cities: byParent('city', null).map((city) => ({
          id: city._id,
          name: city.name,
          counties: byParent('county', city._id).map((county) => ({
            id: county._id,
            name: county.name,
            towns: byParent('town', county._id).map((town) => ({
              id: town._id,
              name: town.name,
              villages: villages
                .filter((v) => v.townId === town._id)
                .map((v) => ({ id: v._id, name: v.name, kind: v.kind, place: `${city.name} · ${county.name} · ${town.name}` })),
            })),
          })),
        })),
      }
      return tree
    },
  },

  'village.byScene': {
    access: ACCESS.anyone,
    async handle({ scene }, ctx) {
      const [village] = await ctx.ports.store.find('villages', { scene }, { limit: 1 })
      if (!village) throw new ApiError('NOT_FOUND', '二维码无效或已过期，请在列表中选择村（社区）')
      return villageCard(ctx, village)
    },
  },

  'village.card': {
    access: ACCESS.anyone,
    async handle({ villageId }, ctx) {
      const village = await ctx.ports.store.get('villages', villageId)
      if (!village) throw new ApiError('NOT_FOUND', '找不到该村（社区），请在列表中选择')
      return villageCard(ctx, village)
    },
  },

  'account.me': {
    access: ACCESS.anyone,
    async handle(_input, ctx) {
      return (await meOf(ctx)).me
    },
  },

  'home.open': {
    access: ACCESS.anyone,
    async handle({ villageId }, ctx) {
      const { me, memberships } = await meOf(ctx)
      // the village the app last acted in, while I still belong to it; else my first (as the app picks)
      const current = memberships.find((m) => m.villageId === villageId) ?? memberships[0]
      if (!current) return { me, villageId: null, counts: null }
      return { me, villageId: current.villageId, counts: await villageCounts(ctx, current.villageId) }
    },
  },

  'join.request': {
    access: ACCESS.anyone,
    async handle(input, ctx) {
      const { store } = ctx.ports
      const village = await store.get('villages', input.villageId)
      if (!village) throw new ApiError('NOT_FOUND', '找不到该村（社区）')
      await checkText(ctx, { name: input.name, doorplate: input.doorplate })
      for (;;) {
        // a first-time caller: their person record is created with the request (nobody can be a member yet)
        const fresh = ctx.person ? null : newPerson(ctx, input.name)
        const personId = ctx.person?._id ?? fresh!.person._id
        const request: JoinRequest = {
          _id: `${village._id}:${personId}`,
          villageId: village._id,
          personId,
          name: input.name,
          doorplate: input.doorplate,
          relation: input.relation,
          via: input.via,
          status: 'pending',
          createdAt: ctx.now,
          decisions: [],
          // the committee is told by the job, of every request since its last run in one notice (jobs.ts): a few writes here
          noticeDue: true,
        }
        try {
          // the person, the request and the committee's waiting count in one transaction
          return await store.transaction(async (tx): Promise<JoinRequest> => {
            if (fresh) {
              await tx.insert('personKeys', fresh.claim)
              await tx.insert('persons', fresh.person)
            } else if (await tx.get('memberships', request._id)) throw new ApiError('DUPLICATE', `您已是${village.name}的成员`)
            const earlier = fresh ? null : await tx.get('joinRequests', request._id)
            if (earlier && earlier.status !== 'rejected') throw new ApiError('DUPLICATE', `您的申请正在审核中，请耐心等待${village.name}${committeeWord(village.kind)}处理`)
            let saved = request
            if (!earlier) await tx.insert('joinRequests', request)
            else {
              // asking again after a rejection reopens the same request, keeping its earlier decisions
              const { decisions: _keep, _id, ...reopened } = request
              await tx.update('joinRequests', _id, { set: reopened })
              saved = { ...earlier, ...reopened }
            }
            await keepWaiting(tx, 'joinRequests', [village._id], earlier, saved)
            return saved
          })
        } catch (e) {
          if (!fresh || !(e instanceof DuplicateIdError) || e.collection !== 'personKeys') throw e
          // a concurrent first call of the same caller won: theirs is the person, and this asks again as them
          ctx.person = await claimedPerson(ctx)
        }
      }
    },
  },

  'join.queue': {
    access: ACCESS.committee,
    async handle({ villageId, status }, ctx) {
      const requests = await ctx.ports.store.find('joinRequests', { villageId, status }, { sort: [['createdAt', status === 'pending' ? 'asc' : 'desc']], limit: 200 })
      const households = await ctx.ports.store.find('households', { _id: { $in: requests.map((r) => householdId(villageId, r.doorplate)) } })
      return requests.map((r) => {
        const h = households.find((x) => x._id === householdId(villageId, r.doorplate))
        // approving someone who is not the head at a doorplate the register does not know makes a household without a 户主
        const noHeadWarning = !h && r.relation !== '户主' && r.relation !== '租住' ? `${r.doorplate}尚无登记的户，批准后该户没有户主和户代表，不能参加按户表决；请核实或在村民户籍中指定户主` : null
        return { ...r, householdMatch: h ? `${h.doorplate}（户主 ${h.headName}）` : null, noHeadWarning }
      })
    },
  },

  'join.decide': {
    access: ACCESS.committee,
    async handle({ villageId, requestId, decision, reason }, ctx) {
      const { store } = ctx.ports
      const status = decision === 'approve' ? 'approved' : 'rejected'
      // the applicant reads the reason
      await checkText(ctx, { reason })
      const record = { status, reason: reason || null, by: ctx.person._id, byName: ctx.membership.name, at: ctx.now } as const

      // the village's name and kind from the caller's membership (no read); the request read in the transaction only
      const village = await villageFactsOf(ctx, villageId)
      return store.transaction(async (tx): Promise<JoinRequest> => {
        const request = await tx.get('joinRequests', requestId)
        if (request?.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该申请')
        if (request.status !== 'pending') throw new ApiError('CONFLICT', '该申请已处理过了')
        const decided: JoinRequest = { ...request, status, decisions: [...request.decisions, record] }
        await tx.update('joinRequests', requestId, { set: { status, decisions: decided.decisions } })
        await keepWaiting(tx, 'joinRequests', [villageId], request, { status })
        // the applicant is told with the decision, in its transaction
        await notify(
          ctx,
          { personId: request.personId, villageId },
          status === 'approved' ? '入村申请已通过' : '入村申请未通过',
          status === 'approved' ? `欢迎加入${village.name}！` : `${village.name}${committeeWord(village.kind)}未通过您的申请：${reason}`,
          status === 'approved' ? pageUrl('home') : pageUrl('account.join'),
          tx,
        )
        // a member at once; the household, its 户代表 and the counters by the job (admissions.ts)
        if (status === 'approved') await tx.insert('memberships', newMember(request, village, ctx.now))
        // with the decision: a pending entry is one insert, shared with no other decision (the job links it)
        await audit(ctx, status === 'approved' ? 'join.approve' : 'join.reject', { type: 'joinRequest', id: requestId, label: `${decided.name}（${decided.doorplate}）` }, reason || null, tx)
        return decided
      })
    },
  },

  'village.overview': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const committee = isCommittee(ctx.membership)
      const [card, counts, halls, pending] = await Promise.all([
        villageCard(ctx, villageId),
        villageCounts(ctx, villageId),
        store.find('halls', { villageId }),
        committee ? store.count('joinRequests', { villageId, status: 'pending' }) : Promise.resolve(null),
      ])
      return { village: card, me: ctx.membership, counts, halls, pendingRequests: pending }
    },
  },

  'village.members': {
    access: ACCESS.committeeOrGrid,
    async handle({ villageId, gridId, after }, ctx): Promise<MembersPage> {
      const { store } = ctx.ports
      // a grid's people (and a grid worker's, who is not on the committee: their grids only, as in the register and the
      // follow-up) come by household, whose grid they share; the committee's everyone by name, those of no household too
      if (gridId !== undefined || !isCommittee(ctx.membership)) {
        const page = await householdsAfter(store, householdScope(ctx, gridId), after)
        const members = await membersOf(store, villageId, page.households)
        return { members: page.households.flatMap((h) => members.filter((m) => m.householdId === h._id).map((m) => ({ ...m, doorplate: h.doorplate }))), next: page.next }
      }
      const { docs, more } = await pageAfter(store, 'memberships', { villageId }, 'name', 'asc', after, MEMBERS_PAGE)
      const ids = [...new Set(docs.flatMap((m) => (m.householdId ? [m.householdId] : [])))]
      const households = ids.length ? await store.find('households', { _id: { $in: ids } }, { limit: ids.length }) : []
      const doorplate = new Map(households.map((h) => [h._id, h.doorplate]))
      const last = docs[docs.length - 1]
      return {
        members: docs.map((m) => ({ ...m, doorplate: (m.householdId && doorplate.get(m.householdId)) || null })),
        next: more && last ? cursorAfter(last.name, last._id) : null,
      }
    },
  },

  'village.poster': {
    access: ACCESS.committee,
    async handle({ villageId }, ctx) {
      const village = (await ctx.ports.store.get('villages', villageId))!
      return { scene: village.scene, page: JOIN_PAGE, image: await qrDataUrl(ctx.ports.qrCodes, village.scene, JOIN_PAGE) }
    },
  },

  'notifications.list': {
    access: ACCESS.person,
    async handle(_input, ctx) {
      const stored = await ctx.ports.store.find('notifications', { personId: ctx.person._id }, { sort: [['createdAt', 'desc']], limit: 50 })
      return stored.map(noticeView)
    },
  },

  'notifications.read': {
    access: ACCESS.person,
    async handle({ ids }, ctx) {
      let updated = 0
      for (const id of ids) updated += await ctx.ports.store.update('notifications', { _id: id, personId: ctx.person._id, read: false }, { set: { read: true } })
      return { updated }
    },
  },
}

export type { Grid }
