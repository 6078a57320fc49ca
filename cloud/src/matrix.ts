/**
 * The authorization matrix: for every action of every feature, which kinds of caller may call it with their own
 * village's id. Each feature declares its part beside its contract (`features/<name>/matrix.ts`, typed complete
 * against its actions, so an action without a row does not compile); test/api/authorization-matrix.test.ts walks
 * every cell against the router over the seeded demo (plus a few fixture people) and fails at run time for an
 * action without a row.
 *
 * A cell says what the runtime must do with a valid input:
 * - allow: the call succeeds, or fails only for a business reason (已截止, 已联署, 找不到…), never for who is calling;
 * - deny: FORBIDDEN (无权限 or a reason such as 您是本村的服务人员…), NOT_MEMBER or NOT_SIGNED_IN, and nothing is written.
 *
 * Role scope, decided on purpose (issue 10):
 * - Hall staff (hallStaff) and town officers (townOfficer) are members of the villages they serve but not residents.
 *   They read what residents read (topics, rolls, counts, proposals, comments, the rules); they do not vote,
 *   comment, like, co-sign, propose or grant 代投 there: those are the residents' (ACCESS.resident, and the voter
 *   roll for ballots). Town officers of the village's town also read its audit log; of another town, they are
 *   not members of the village at all.
 * - A grid worker who is not on the committee sees only their own grids, everywhere: the register, the rules'
 *   follow-up and the member list (village.members). A grid worker who also lives in the village is a resident too
 *   and takes part as one; the personas below are grid workers only.
 * - The committee member persona (林志强) is also a resident and 户代表, as committee members usually are.
 */

/** The kinds of caller, each a real person of the demo (or a fixture the test adds), in 新山村 of 联安镇 unless said. */
export const PERSONAS = {
  anonymous: 'a WeChat caller with no person record yet',
  applicant: '刘晓东: a person whose request to join 新山村 is pending (no membership)',
  resident: '李桂兰: a resident, not her household’s 户代表',
  householdRep: '陈建国: a resident and his household’s 户代表',
  partyMember: '林水生: a resident who is a party member (and 户代表)',
  committee: '林志强: on the village committee (also a resident, 户代表 and party member)',
  gridWorker: 'fixture: a grid worker of 第一网格 only (not a resident)',
  gridWorkerOtherGrid: 'fixture: a grid worker of 第三网格 only, for grid-scoped actions about 第一网格',
  hallStaff: '张秀英: staff of 新山村党群服务中心 (not a resident)',
  townOfficer: '蔡国华: an officer of 联安镇, a member of its villages 新山村 and 东尾村',
  townOfficerOtherTown: 'fixture: an officer of 东海街道, a member of 乌坎村 only',
  otherVillage: '孙丽: a resident and 户代表 of 乌坎村, not a member of 新山村',
} as const

export type Persona = keyof typeof PERSONAS
export type Cell = 'allow' | 'deny'
export type Row = Readonly<Record<Persona, Cell>>
/** a feature's rows: exactly one per action of its actions map */
export type Matrix<A> = { readonly [K in keyof A]: Row }

export const PERSONA_KEYS = Object.keys(PERSONAS) as Persona[]

/** a row allowing exactly these personas */
export function allow(...who: ReadonlyArray<Persona | readonly Persona[]>): Row {
  const allowed = new Set(who.flat())
  return Object.fromEntries(PERSONA_KEYS.map((p) => [p, allowed.has(p) ? 'allow' : 'deny'])) as Row
}

/** the groups rows are made of */
export const WHO = {
  residents: ['resident', 'householdRep', 'partyMember', 'committee'],
  gridWorkers: ['gridWorker', 'gridWorkerOtherGrid'],
  staff: ['hallStaff', 'townOfficer'],
} as const satisfies Record<string, readonly Persona[]>

/** every member of the village, whatever their role */
const MEMBERS: readonly Persona[] = [...WHO.residents, ...WHO.gridWorkers, ...WHO.staff]

export const ROWS = {
  /** any caller, even one with no person record (every WeChat caller has an OPENID) */
  anyone: allow(PERSONA_KEYS),
  /** a caller with a person record, member of a village or not */
  person: allow(PERSONA_KEYS.filter((p) => p !== 'anonymous')),
  /** read: every member of the village, staff included */
  members: allow(MEMBERS),
  /** take part: vote, comment, like, propose, co-sign, agree to the rules */
  residents: allow(WHO.residents),
  committee: allow('committee'),
  /** the committee and grid workers (a grid worker sees their own grids) */
  committeeOrGrid: allow('committee', WHO.gridWorkers),
} as const
