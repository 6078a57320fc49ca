import type { Me, MembershipView } from '@contract'

const base = { householdId: 'v-xinshan:h1', relation: '户主' as const, gridIds: [], hallId: null, townId: null, joinedAt: 0 }
export const xinshanCommittee: MembershipView = {
  ...base,
  _id: 'v-xinshan:p1',
  villageId: 'v-xinshan',
  personId: 'p1',
  name: '林志强',
  roles: ['resident', 'householdRep', 'committee'],
  partyMember: true,
  village: { id: 'v-xinshan', name: '新山村', kind: 'village', place: '汕尾市 · 海丰县 · 联安镇' },
}
export const henanResident: MembershipView = {
  ...base,
  _id: 'v-henan:p1',
  villageId: 'v-henan',
  personId: 'p1',
  name: '林志强',
  relation: '租住',
  roles: ['resident'],
  partyMember: false,
  village: { id: 'v-henan', name: '河南社区', kind: 'community', place: '汕尾市 · 城区 · 香洲街道' },
}
export const meWithTwoVillages: Me = {
  person: { _id: 'p1', name: '林志强', createdAt: 0 },
  memberships: [xinshanCommittee, henanResident],
  requests: [],
  unread: 2,
}
export const newcomer: Me = { person: null, memberships: [], requests: [], unread: 0 }
