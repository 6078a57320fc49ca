/**
 * The draft editor's form: what the committee types, kept as typed (numbers as strings) so that
 * nothing is lost when a save fails; turned into the saveDraft input only when sending.
 * Every chapter and clause has a local key, so errors and ids follow it when things move.
 */
import type { AdoptionMeeting, InputOf, RuleVersionDetail } from '@contract'

export interface ClauseForm {
  key: string
  /** kept from the version it came from (or given by the server at the first save); absent for a new clause */
  id?: string
  text: string
}
export interface ChapterForm {
  key: string
  title: string
  clauses: ClauseForm[]
}
export const COUNT_FIELDS = ['totalEligible', 'attendance', 'votesFor', 'votesAgainst', 'abstain'] as const
export type CountField = (typeof COUNT_FIELDS)[number]
export const COUNT_LABELS: Record<CountField, string> = {
  totalEligible: '应到人数',
  attendance: '实到人数',
  votesFor: '赞成票',
  votesAgainst: '反对票',
  abstain: '弃权票',
}
export interface AdoptionForm extends Record<CountField, string> {
  meeting: AdoptionMeeting | null
  date: string
}
export interface DraftForm {
  title: string
  chapters: ChapterForm[]
  effectiveDate: string
  adoption: AdoptionForm
}
export type SaveInput = InputOf<'rules.saveDraft'>

let seq = 0
export const newKey = () => `f${++seq}`
export const newClause = (): ClauseForm => ({ key: newKey(), text: '' })
export const newChapter = (): ChapterForm => ({ key: newKey(), title: '', clauses: [newClause()] })

/** The form for a saved draft, or a blank one (one empty chapter with one empty clause). */
export function toForm(detail: RuleVersionDetail | null, defaultTitle: string): DraftForm {
  const a = detail?.adoption
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n))
  return {
    title: detail?.title ?? defaultTitle,
    chapters: detail
      ? detail.chapters.map((ch) => ({ key: newKey(), title: ch.title, clauses: ch.clauses.map((c) => ({ key: newKey(), id: c.id, text: c.text })) }))
      : [newChapter()],
    effectiveDate: detail?.effectiveDate ?? '',
    adoption: {
      meeting: a?.meeting ?? null,
      date: a?.date ?? '',
      totalEligible: count(a?.totalEligible),
      attendance: count(a?.attendance),
      votesFor: count(a?.votesFor),
      votesAgainst: count(a?.votesAgainst),
      abstain: count(a?.abstain),
    },
  }
}

const YMD = /^\d{4}-\d{2}-\d{2}$/
/** Light checks before sending: the server checks everything again. Keys as the server's field paths. */
export function checkForm(form: DraftForm): Record<string, string> {
  const errors: Record<string, string> = {}
  if (form.effectiveDate && !YMD.test(form.effectiveDate)) errors.effectiveDate = '施行日期格式应如 2025-03-01'
  if (form.adoption.date && !YMD.test(form.adoption.date)) errors['adoption.date'] = '表决日期格式应如 2025-03-01'
  for (const f of COUNT_FIELDS) {
    const v = form.adoption[f].trim()
    if (v && !/^\d+$/.test(v)) errors[`adoption.${f}`] = `${COUNT_LABELS[f]}请填不小于0的整数`
  }
  return errors
}

/** What saveDraft receives: ids kept, new clauses without one, counts as numbers (empty: null). */
export function toInput(form: DraftForm, villageId: string, versionId: string | undefined): SaveInput {
  const count = (s: string) => (s.trim() === '' ? null : Number(s.trim()))
  const a = form.adoption
  return {
    villageId,
    ...(versionId ? { versionId } : {}),
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    chapters: form.chapters.map((ch) => ({
      title: ch.title,
      clauses: ch.clauses.map((c) => (c.id ? { id: c.id, text: c.text } : { text: c.text })),
    })),
    effectiveDate: form.effectiveDate || null,
    adoption: {
      meeting: a.meeting,
      date: a.date || null,
      totalEligible: count(a.totalEligible),
      attendance: count(a.attendance),
      votesFor: count(a.votesFor),
      votesAgainst: count(a.votesAgainst),
      abstain: count(a.abstain),
    },
  }
}

/** Error keys that follow a chapter or clause wherever it moves. */
export const chapterTitleKey = (ch: ChapterForm) => `chapter:${ch.key}:title`
export const chapterClausesKey = (ch: ChapterForm) => `chapter:${ch.key}:clauses`
export const clauseKey = (c: ClauseForm) => `clause:${c.key}`

/**
 * The server names fields by position in what was sent (chapters.1.clauses.0.text); the editor
 * keys them by chapter and clause, so they stay beside the right field after edits.
 */
export function keyErrors(fields: Record<string, string>, sent: DraftForm): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (k: string, m: string) => (out[k] ??= m)
  for (const [path, message] of Object.entries(fields)) {
    const m = /^chapters\.(\d+)(?:\.(title|clauses)(?:\.(\d+)(?:\.\w+)?)?)?/.exec(path)
    if (!m) {
      put(path, message)
      continue
    }
    const ch = sent.chapters[Number(m[1])]
    if (!ch) put('chapters', message)
    else if (m[3] !== undefined && ch.clauses[Number(m[3])]) put(clauseKey(ch.clauses[Number(m[3])]), message)
    else if (m[2] === 'title') put(chapterTitleKey(ch), message)
    else put(chapterClausesKey(ch), message)
  }
  return out
}

/**
 * After a save: new clauses got ids from the server (same positions as sent). Give them to the
 * clauses of the current form, which may have changed meanwhile, by their keys.
 */
export function adoptIds(current: DraftForm, sent: DraftForm, saved: RuleVersionDetail): DraftForm {
  const ids = new Map<string, string>()
  sent.chapters.forEach((ch, ci) =>
    ch.clauses.forEach((c, ki) => {
      const id = saved.chapters[ci]?.clauses[ki]?.id
      if (!c.id && id) ids.set(c.key, id)
    }),
  )
  if (!ids.size) return current
  return {
    ...current,
    chapters: current.chapters.map((ch) => ({
      ...ch,
      clauses: ch.clauses.map((c) => (!c.id && ids.has(c.key) ? { ...c, id: ids.get(c.key) } : c)),
    })),
  }
}

/** Move item i of a list by -1 or +1 (no-op at the ends). */
export function move<T>(list: T[], i: number, by: -1 | 1): T[] {
  const j = i + by
  if (j < 0 || j >= list.length) return list
  const out = list.slice()
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}

