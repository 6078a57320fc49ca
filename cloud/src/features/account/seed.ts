/**
 * The demo village world that `npm start` opens on: 汕尾市, its four counties, a few towns, villages
 * named after real ones, grids, halls, households and people in every role, plus join requests in
 * every state. Run once per data folder (cloud/src/demo.ts keeps the marker).
 */
import { servesIn, type Grid, type GridName, type Hall, type Household, type JoinRequest, type Membership, type Person, type Region, type Relation, type Role, type Village, type VillageFacts } from './documents'
import type { Store } from '../../ports/store'
import { householdId } from './policy'

const DAY = 24 * 3600 * 1000

type VillageSeed = { id: string; name: string; kind: Village['kind']; townId: string; grids: string[]; hall: string }
const REGIONS: Region[] = [
  { _id: 'c-shanwei', kind: 'city', name: '汕尾市', parentId: null },
  { _id: 'k-chengqu', kind: 'county', name: '城区', parentId: 'c-shanwei' },
  { _id: 'k-haifeng', kind: 'county', name: '海丰县', parentId: 'c-shanwei' },
  { _id: 'k-lufeng', kind: 'county', name: '陆丰市', parentId: 'c-shanwei' },
  { _id: 'k-luhe', kind: 'county', name: '陆河县', parentId: 'c-shanwei' },
  { _id: 't-fengshan', kind: 'town', name: '凤山街道', parentId: 'k-chengqu' },
  { _id: 't-xiangzhou', kind: 'town', name: '香洲街道', parentId: 'k-chengqu' },
  { _id: 't-lianan', kind: 'town', name: '联安镇', parentId: 'k-haifeng' },
  { _id: 't-donghai', kind: 'town', name: '东海街道', parentId: 'k-lufeng' },
  { _id: 't-hetian', kind: 'town', name: '河田镇', parentId: 'k-luhe' },
]
const VILLAGES: VillageSeed[] = [
  { id: 'v-xinshan', name: '新山村', kind: 'village', townId: 't-lianan', grids: ['第一网格（村东）', '第二网格（村西）', '第三网格（新村）'], hall: '新山村党群服务中心' },
  { id: 'v-dongwei', name: '东尾村', kind: 'village', townId: 't-lianan', grids: ['第一网格', '第二网格'], hall: '东尾村党群服务中心' },
  { id: 'v-wukan', name: '乌坎村', kind: 'village', townId: 't-donghai', grids: ['第一网格（港口）', '第二网格（老街）'], hall: '乌坎村党群服务中心' },
  { id: 'v-henan', name: '河南社区', kind: 'community', townId: 't-xiangzhou', grids: ['第一网格', '第二网格'], hall: '河南社区党群服务中心' },
  { id: 'v-bujin', name: '布金村', kind: 'village', townId: 't-hetian', grids: ['第一网格'], hall: '布金村党群服务中心' },
  { id: 'v-fengxiang', name: '凤翔社区', kind: 'community', townId: 't-fengshan', grids: ['第一网格', '第二网格'], hall: '凤翔社区党群服务中心' },
]

/** [key, name]: the openid of a demo person is `demo-${key}` */
type PersonSeed = [key: string, name: string]
type MemberSeed = {
  person: string
  village: string
  /** 门牌号; null for staff who do not live there */
  doorplate: string | null
  relation?: Relation
  roles: Role[]
  party?: boolean
  grids?: number[]
  hall?: boolean
}

const PERSONS: PersonSeed[] = [
  ['linzhiqiang', '林志强'],
  ['chenmeiling', '陈美玲'],
  ['huangweiming', '黄伟明'],
  ['zhangxiuying', '张秀英'],
  ['caiguohua', '蔡国华'],
  ['linshuisheng', '林水生'],
  ['liguilan', '李桂兰'],
  ['linjun', '林俊'],
  ['chenjianguo', '陈建国'],
  ['chenxiaohong', '陈小红'],
  ['huangdeming', '黄德明'],
  ['wulihua', '吴丽华'],
  ['zhengzhiyuan', '郑志远'],
  ['yangjinhe', '杨锦和'],
  ['sunli', '孙丽'],
  ['hezhi', '何志'],
  ['zhoumin', '周敏'],
  ['xuhaitao', '许海涛'],
  ['liuxiaodong', '刘晓东'],
  ['zhouqiang', '周强'],
  ['wangfang', '王芳'],
]

const MEMBERS: MemberSeed[] = [
  // 新山村: committee, grid worker, hall staff, town officer, and five households
  { person: 'linzhiqiang', village: 'v-xinshan', doorplate: '新山村东一巷3号', relation: '户主', roles: ['resident', 'householdRep', 'committee'], party: true, grids: [] },
  { person: 'chenmeiling', village: 'v-xinshan', doorplate: '新山村西二巷8号', relation: '户主', roles: ['resident', 'householdRep', 'committee'], party: true },
  { person: 'huangweiming', village: 'v-xinshan', doorplate: '新山村新村路15号', relation: '户主', roles: ['resident', 'householdRep', 'gridWorker'], grids: [0, 1] },
  { person: 'zhangxiuying', village: 'v-xinshan', doorplate: null, roles: ['hallStaff'], hall: true },
  { person: 'caiguohua', village: 'v-xinshan', doorplate: null, roles: ['townOfficer'], party: true },
  { person: 'caiguohua', village: 'v-dongwei', doorplate: null, roles: ['townOfficer'], party: true },
  { person: 'linshuisheng', village: 'v-xinshan', doorplate: '新山村东一巷12号', relation: '户主', roles: ['resident', 'householdRep'], party: true },
  { person: 'liguilan', village: 'v-xinshan', doorplate: '新山村东一巷12号', relation: '配偶', roles: ['resident'] },
  { person: 'linjun', village: 'v-xinshan', doorplate: '新山村东一巷12号', relation: '子女', roles: ['resident'] },
  { person: 'chenjianguo', village: 'v-xinshan', doorplate: '新山村西二巷20号', relation: '户主', roles: ['resident', 'householdRep'] },
  { person: 'chenxiaohong', village: 'v-xinshan', doorplate: '新山村西二巷20号', relation: '子女', roles: ['resident'] },
  { person: 'huangdeming', village: 'v-xinshan', doorplate: '新山村新村路6号', relation: '户主', roles: ['resident', 'householdRep'] },
  { person: 'wulihua', village: 'v-xinshan', doorplate: '新山村东一巷30号', relation: '户主', roles: ['resident', 'householdRep'] },
  { person: 'zhengzhiyuan', village: 'v-xinshan', doorplate: '新山村西二巷2号', relation: '户主', roles: ['resident', 'householdRep'], party: true },
  // 林俊 also rents in 河南社区 where he works: a person in two places
  { person: 'linjun', village: 'v-henan', doorplate: '河南社区海滨路88号', relation: '租住', roles: ['resident', 'householdRep'] },
  // 乌坎村
  { person: 'yangjinhe', village: 'v-wukan', doorplate: '乌坎村港口路1号', relation: '户主', roles: ['resident', 'householdRep', 'committee'], party: true },
  { person: 'sunli', village: 'v-wukan', doorplate: '乌坎村老街16号', relation: '户主', roles: ['resident', 'householdRep'] },
  { person: 'hezhi', village: 'v-wukan', doorplate: '乌坎村港口路9号', relation: '户主', roles: ['resident', 'householdRep', 'gridWorker'], grids: [0, 1] },
  // the other villages each have a committee member
  { person: 'zhoumin', village: 'v-henan', doorplate: '河南社区海滨路2号', relation: '户主', roles: ['resident', 'householdRep', 'committee'], party: true },
  { person: 'xuhaitao', village: 'v-dongwei', doorplate: '东尾村中心街5号', relation: '户主', roles: ['resident', 'householdRep', 'committee'] },
]

/** a demo village's facts, as its memberships carry them (tests' fixtures make memberships like the seed's) */
export function seededVillageFacts(villageId: string): VillageFacts | undefined {
  const v = VILLAGES.find((x) => x.id === villageId)
  return v && { name: v.name, kind: v.kind, townId: v.townId, grids: seededGrids(v) }
}

const seededGrids = (v: VillageSeed): GridName[] => v.grids.map((name, i) => ({ _id: `${v.id}:g${i + 1}`, name }))

const GRID_OF_DOORPLATE = (doorplate: string, grids: string[]): number =>
  grids.length === 1 ? 0 : doorplate.includes('东') ? 0 : doorplate.includes('西') || doorplate.includes('老街') ? 1 : Math.min(2, grids.length - 1)

export async function seedPlacesAndPeople(store: Store, now: number): Promise<void> {
  for (const r of REGIONS) await store.insert('regions', { ...r })
  const townOf = new Map(REGIONS.map((r) => [r._id, r]))
  for (const v of VILLAGES) {
    const county = townOf.get(v.townId)!.parentId!
    const village: Village = { _id: v.id, villageId: v.id, name: v.name, kind: v.kind, townId: v.townId, countyId: county, cityId: townOf.get(county)!.parentId!, scene: `v=${v.id.slice(2)}`, phone: `0660-68${String(VILLAGES.indexOf(v) + 1).padStart(2, '0')}${String(1000 + VILLAGES.indexOf(v) * 137).slice(-4)}`, grids: seededGrids(v) }
    await store.insert('villages', { ...village })
    for (const g of seededGrids(v)) await store.insert('grids', { ...g, villageId: v.id } satisfies Grid)
    await store.insert('halls', { _id: `${v.id}:hall`, villageId: v.id, name: v.hall, address: `${v.name}村委会大院` } satisfies Hall)
  }
  const personId = (key: string) => `p_${key}`
  const names = new Map(PERSONS)
  for (const [key, name] of PERSONS) {
    await store.insert('persons', { _id: personId(key), openid: `demo-${key}`, name, createdAt: now - 90 * DAY, demo: true } satisfies Person & { demo: true })
  }
  for (const [i, m] of MEMBERS.entries()) {
    const v = VILLAGES.find((x) => x.id === m.village)!
    const pid = personId(m.person)
    let hid: string | null = null
    if (m.doorplate) {
      hid = householdId(v.id, m.doorplate)
      const existing = await store.get('households', hid)
      if (!existing) {
        const gridIndex = GRID_OF_DOORPLATE(m.doorplate, v.grids)
        await store.insert('households', {
          _id: hid,
          villageId: v.id,
          gridId: `${v.id}:g${gridIndex + 1}`,
          doorplate: m.doorplate,
          headName: m.relation === '户主' || m.relation === '租住' ? names.get(m.person)! : '',
          repPersonId: m.roles.includes('householdRep') ? pid : null,
        } satisfies Household)
      }
    }
    const town = m.roles.includes('townOfficer') ? v.townId : null
    await store.insert('memberships', {
      _id: `${v.id}:${pid}`,
      villageId: v.id,
      personId: pid,
      name: names.get(m.person)!,
      householdId: hid,
      relation: m.relation ?? null,
      roles: m.roles,
      partyMember: m.party ?? false,
      gridIds: (m.grids ?? []).map((g) => `${v.id}:g${g + 1}`),
      hallId: m.hall ? `${v.id}:hall` : null,
      townId: town,
      ...(servesIn(m.roles) ? { serving: true } : {}),
      joinedAt: now - (80 - i) * DAY,
      village: seededVillageFacts(v.id),
    } satisfies Membership)
  }
  // join requests in every state
  const requests: JoinRequest[] = [
    { _id: `v-xinshan:${personId('liuxiaodong')}`, villageId: 'v-xinshan', personId: personId('liuxiaodong'), name: '刘晓东', doorplate: '新山村东一巷12号', relation: '其他亲属', via: 'scan', status: 'pending', createdAt: now - 2 * 3600 * 1000, decisions: [] },
    {
      _id: `v-xinshan:${personId('zhouqiang')}`,
      villageId: 'v-xinshan',
      personId: personId('zhouqiang'),
      name: '周强',
      doorplate: '新山村北街99号',
      relation: '户主',
      via: 'pick',
      status: 'rejected',
      createdAt: now - 5 * DAY,
      decisions: [{ status: 'rejected', reason: '本村没有北街99号，请核对门牌号后重新申请', by: personId('linzhiqiang'), byName: '林志强', at: now - 4 * DAY }],
    },
    {
      _id: `v-xinshan:${personId('zhengzhiyuan')}`,
      villageId: 'v-xinshan',
      personId: personId('zhengzhiyuan'),
      name: '郑志远',
      doorplate: '新山村西二巷2号',
      relation: '户主',
      via: 'pick',
      status: 'approved',
      createdAt: now - 30 * DAY,
      decisions: [{ status: 'approved', reason: null, by: personId('chenmeiling'), byName: '陈美玲', at: now - 29 * DAY }],
    },
  ]
  for (const r of requests) await store.insert('joinRequests', { ...r })
}

export const DEMO = {
  committee: 'demo-linzhiqiang',
  resident: 'demo-linshuisheng',
  newcomer: 'demo-wangfang',
  wukanCommittee: 'demo-yangjinhe',
} as const
