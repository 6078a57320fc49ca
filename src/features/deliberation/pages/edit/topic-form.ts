/**
 * The topic editor's form: what the committee types, kept as typed so nothing is lost when a save
 * fails; the voting window as picked (a day and a time in Beijing time), turned into epoch ms only
 * when sending. Choice options carry local keys so their errors follow them when others are removed.
 */
import type { InputOf, Proposal, ResultsVisibility, Topic, TopicKind, VotingMode } from '@contract'
import { beijing, fromBeijing, ymd } from '@/shared/time'

export const MAX_OPTIONS = 10
export const MIN_OPTIONS = 2

export interface OptionForm {
  key: string
  label: string
}

export interface TopicForm {
  title: string
  background: string
  /** background photos: fileIds uploaded with the PhotoPicker */
  photos: string[]
  question: string
  kind: TopicKind
  /** choice only */
  options: OptionForm[]
  maxChoices: number
  mode: VotingMode
  results: ResultsVisibility
  /** YYYY-MM-DD and HH:mm, Beijing time */
  opensDate: string
  opensTime: string
  closesDate: string
  closesTime: string
  /** the proposal this topic schedules */
  proposalId: string | null
}

export type SaveInput = InputOf<'topics.save'>

let seq = 0
export const newOption = (label = ''): OptionForm => ({ key: `o${++seq}`, label })

const time = (ms: number) => beijing(ms).format('HH:mm')

/** A new topic: opens now, closes in three days at 20:00 (Beijing time), one vote per person, counts shown live. */
export function blankForm(now = Date.now()): TopicForm {
  return {
    title: '',
    background: '',
    photos: [],
    question: '',
    kind: 'yesno',
    options: [newOption(), newOption()],
    maxChoices: 1,
    mode: 'person',
    results: 'live',
    opensDate: ymd(now),
    opensTime: time(now),
    closesDate: beijing(now).add(3, 'day').format('YYYY-MM-DD'),
    closesTime: '20:00',
    proposalId: null,
  }
}

/** A saved draft, as the form shows it. */
export function fromTopic(t: Topic): TopicForm {
  const choice = t.kind === 'choice'
  return {
    title: t.title,
    background: t.background,
    photos: t.photos,
    question: t.question,
    kind: t.kind,
    options: choice && t.options.length ? t.options.map((o) => newOption(o.label)) : [newOption(), newOption()],
    maxChoices: choice ? t.maxChoices : 1,
    mode: t.mode,
    results: t.results,
    opensDate: ymd(t.opensAt),
    opensTime: time(t.opensAt),
    closesDate: ymd(t.closesAt),
    closesTime: time(t.closesAt),
    proposalId: t.proposalId,
  }
}

/** A residents' proposal put to the vote: its title and reason start the topic. */
export function fromProposal(p: Proposal, now = Date.now()): TopicForm {
  return { ...blankForm(now), title: p.title, background: p.background, proposalId: p._id }
}

/** A picked day and time in Beijing time, as epoch ms (NaN when either is missing). */
export function toEpoch(date: string, hhmm: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(hhmm)) return NaN
  return fromBeijing(date, hhmm)
}

/** Checks that save the committee a round trip; the server checks everything again. Keys as the server's fields. */
export function checkForm(form: TopicForm): Record<string, string> {
  const errors: Record<string, string> = {}
  const opensAt = toEpoch(form.opensDate, form.opensTime)
  const closesAt = toEpoch(form.closesDate, form.closesTime)
  if (Number.isNaN(opensAt)) errors.opensAt = '请选择开始时间'
  if (Number.isNaN(closesAt)) errors.closesAt = '请选择截止时间'
  else if (!Number.isNaN(opensAt) && closesAt <= opensAt) errors.closesAt = '截止时间要晚于开始时间'
  if (form.kind === 'choice' && form.options.length < MIN_OPTIONS) errors.options = `至少要有${MIN_OPTIONS}个选项`
  return errors
}

/** What topics.save receives. */
export function toInput(form: TopicForm, villageId: string, topicId: string | undefined): SaveInput {
  const choice = form.kind === 'choice'
  return {
    villageId,
    ...(topicId ? { topicId } : {}),
    title: form.title,
    background: form.background,
    photos: form.photos,
    question: form.question,
    kind: form.kind,
    options: choice ? form.options.map((o) => o.label) : [],
    maxChoices: choice ? Math.min(form.maxChoices, form.options.length) : 1,
    mode: form.mode,
    results: form.results,
    opensAt: toEpoch(form.opensDate, form.opensTime),
    closesAt: toEpoch(form.closesDate, form.closesTime),
    ...(form.proposalId ? { proposalId: form.proposalId } : {}),
  }
}

export const optionKey = (o: OptionForm) => `option:${o.key}`

/** The server names options by position in what was sent (options.2); the form keys them by option. */
export function keyErrors(fields: Record<string, string>, sent: TopicForm): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const m = /^options\.(\d+)/.exec(path)
    const option = m ? sent.options[Number(m[1])] : undefined
    const key = option ? optionKey(option) : path.split('.')[0]
    out[key] ??= message
  }
  return out
}

/** 11月29日 星期日 20:00, with the year when it is not this year */
export function whenText(date: string, hhmm: string, now = Date.now()): string {
  const ms = toEpoch(date, hhmm)
  if (Number.isNaN(ms)) return '未选择'
  const t = beijing(ms)
  return t.format(t.year() === beijing(now).year() ? 'M月D日 dddd HH:mm' : 'YYYY年M月D日 dddd HH:mm')
}
