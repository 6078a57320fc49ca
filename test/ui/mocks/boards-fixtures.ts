/** Board entries as the server sends them, for the boards pages' UI tests. */
import type { EntryView, Responsible } from '@contract'

export const DAY = 86_400_000
/** 2026-12-03 20:00 in Beijing */
export const NOW = Date.UTC(2026, 11, 3, 12, 0)

const household = (over: Partial<Responsible> = {}): Responsible => ({
  kind: 'household',
  householdId: 'v-xinshan:h1',
  personId: null,
  name: '林水生',
  doorplate: '新山村东一巷12号',
  section: null,
  ...over,
})

export const entry = (over: Partial<EntryView> = {}): EntryView => ({
  id: 'v-xinshan:e1',
  board: 'red',
  status: 'published',
  place: '东一巷',
  section: '东一巷',
  responsible: household(),
  masked: false,
  what: '门前屋后干净整洁，主动清理巷道杂物。',
  photos: [],
  photoUrls: {},
  clause: { versionId: 'v-xinshan:v1', version: 1, clauseId: 'c5', no: 5, label: '第五条', text: '生活垃圾分类投放，不乱丢乱倒。' },
  period: '2026-12',
  reward: null,
  points: null,
  nameShownReason: null,
  noticeUntil: null,
  publishedAt: NOW - DAY,
  expiresAt: NOW + 89 * DAY,
  createdByName: '林志强',
  createdAt: NOW - DAY,
  appeal: null,
  withdrawn: null,
  mine: false,
  can: { appeal: false, appealWhy: null, manage: false },
  ...over,
})

export const person = (name: string, over: Partial<Responsible> = {}): Responsible => household({ kind: 'person', personId: 'p9', name, ...over })
