/** The mailbox's pure rules: the machine's refusals, who reads a letter and who sees its writer, the inbox order, the client's due words and draft checks. */
import { ApiError } from '../../cloud/src/errors'
import { assertStep } from '../../cloud/src/common/transition'
import type { Letter } from '../../cloud/src/features/mailbox/documents'
import { inboxOrder, isOverdue, LETTER_MACHINE, mayRead, writerNameFor, type Reader } from '../../cloud/src/features/mailbox/policy'
import { checkDraft, dueWords, writerWords } from '../../src/features/mailbox/labels'

const DAY = 24 * 3_600_000
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

const letter = (over: Partial<Letter>): Letter => ({
  _id: 'x',
  villageId: 'v',
  to: 'committee',
  subject: '标题',
  text: '内容内容内容',
  photos: [],
  about: null,
  writerId: 'p_writer',
  writerName: '写信人',
  anonymous: false,
  consent: false,
  publicName: false,
  public: false,
  publishedAt: null,
  status: 'received',
  createdAt: T0,
  updatedAt: T0,
  dueAt: T0 + 7 * DAY,
  escalatedAt: null,
  reply: null,
  rating: null,
  ratingNote: null,
  history: [],
  ...over,
})
const EMPTY_DRAFT = { to: 'committee' as const, subject: '', text: '', photos: [], anonymous: false, consent: false, publicName: false }
const reader = (over: Partial<Reader> = {}): Reader => ({ personId: 'p_other', committee: false, town: false, ...over })

test('the machine: accept once, reply from received or accepted, nothing after the reply', () => {
  expect(() => assertStep(LETTER_MACHINE, 'received', 'reply')).not.toThrow()
  expect(() => assertStep(LETTER_MACHINE, 'accepted', 'accept')).toThrow(new ApiError('CONFLICT', '该来信已受理，不能再受理'))
  expect(() => assertStep(LETTER_MACHINE, 'replied', 'reply')).toThrow(new ApiError('CONFLICT', '该来信已回复，不能再回复'))
})

test('who reads a letter and who sees its writer', () => {
  const writer = reader({ personId: 'p_writer' })
  const committee = reader({ committee: true })
  const town = reader({ town: true })
  const l = letter({})
  expect([mayRead(l, writer), mayRead(l, committee), mayRead(l, reader()), mayRead(l, town)]).toEqual([true, true, false, false])
  expect(mayRead(letter({ escalatedAt: T0 }), town)).toBe(true)
  // public: every member reads it; the name only with the writer's choice, never when anonymous
  expect(writerNameFor(letter({ public: true }), reader())).toBeNull()
  expect(writerNameFor(letter({ public: true, publicName: true }), reader())).toBe('写信人')
  expect(writerNameFor(letter({ public: true, publicName: true, anonymous: true }), reader())).toBeNull()
  expect(writerNameFor(letter({ anonymous: true, escalatedAt: T0 }), town)).toBeNull()
  expect(writerNameFor(letter({ anonymous: true }), committee)).toBe('写信人')
  // a deleted writer ('') is no one's own letter
  expect(mayRead(letter({ writerId: '' }), reader({ personId: '' }))).toBe(false)
})

test('the inbox: waiting before replied, overdue first (furthest past due), then by due date', () => {
  const now = T0 + 10 * DAY
  const a = letter({ _id: 'a', dueAt: now + DAY })
  const b = letter({ _id: 'b', dueAt: now - DAY, status: 'accepted' })
  const c = letter({ _id: 'c', dueAt: now - 3 * DAY })
  const d = letter({ _id: 'd', dueAt: now - 5 * DAY, status: 'replied' })
  expect([a, b, c, d].sort(inboxOrder(now)).map((l) => l._id)).toEqual(['c', 'b', 'a', 'd'])
  expect(isOverdue(d, now)).toBe(false)
})

test('the pages’ words: the due clock and the draft’s checks', () => {
  expect(dueWords({ status: 'received', dueAt: T0 + 3 * DAY + 1 }, T0)).toBe('还剩3天回复')
  expect(dueWords({ status: 'accepted', dueAt: T0 + 1000 }, T0)).toBe('今天到期')
  expect(dueWords({ status: 'received', dueAt: T0 - 2 * DAY - 1 }, T0)).toBe('已逾期2天')
  expect(dueWords({ status: 'replied', dueAt: T0 - DAY }, T0)).toBeNull()
  expect(checkDraft({ ...EMPTY_DRAFT, subject: ' ', text: '短' })).toEqual({ subject: '请填写标题', text: '内容至少5个字' })
  expect(checkDraft({ ...EMPTY_DRAFT, subject: '水压', text: '早上没有水了' })).toEqual({})
})

test('the writer as the lists show it: the committee is reminded a letter is anonymous', () => {
  expect(writerWords({ writerName: '黄德明', anonymous: true })).toBe('黄德明（匿名）')
  expect(writerWords({ writerName: null, anonymous: true })).toBe('匿名来信')
  expect(writerWords({ writerName: null, anonymous: false })).toBe('村民来信')
})
