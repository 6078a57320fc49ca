/** 新建榜单条目: the form's state, its checks before sending, and the input it becomes. */
import type { Board, InputOf, ResponsibleKind } from '@contract'

export interface EntryForm {
  board: Board
  place: string
  section: string
  kind: ResponsibleKind | null
  householdId: string | null
  personId: string | null
  /** section: the 保洁责任人 by name when they are not picked from the register */
  cleanerName: string
  what: string
  photos: string[]
  clauseId: string | null
  period: string
  reward: string
  points: string
  showName: boolean
  showNameReason: string
}

export const emptyForm = (period: string): EntryForm => ({
  board: 'red',
  place: '',
  section: '',
  kind: null,
  householdId: null,
  personId: null,
  cleanerName: '',
  what: '',
  photos: [],
  clauseId: null,
  period,
  reward: '',
  points: '',
  showName: false,
  showNameReason: '',
})

/** the form's own reasons by field, before anything is sent (the server checks again) */
export function checkForm(f: EntryForm): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!f.place.trim()) errors.place = '请填写地点'
  if (!f.what.trim()) errors.what = '请填写事由'
  if (!f.kind) errors.responsible = '请选择责任方'
  else if (f.kind === 'household' && !f.householdId) errors.responsible = '请选择住户'
  else if (f.kind === 'person' && !f.personId) errors.responsible = '请选择个人'
  else if (f.kind === 'section') {
    if (!f.section.trim()) errors.section = '请填写路段'
    if (!f.personId && !f.cleanerName.trim()) errors.responsible = '请选择或填写保洁责任人'
  }
  if (f.board === 'red' && f.points.trim() && !/^\d{1,4}$/.test(f.points.trim())) errors.points = '积分应为不超过1000的整数'
  if (f.board === 'black' && f.showName && f.showNameReason.trim().length < 2) errors.showNameReason = '显示全名须写明理由（至少2个字）'
  return errors
}

export function toInput(villageId: string, f: EntryForm, draft: boolean): InputOf<'boards.create'> {
  const responsible: InputOf<'boards.create'>['responsible'] =
    f.kind === 'household'
      ? { kind: 'household', householdId: f.householdId! }
      : f.kind === 'person'
        ? { kind: 'person', personId: f.personId! }
        : { kind: 'section', section: f.section.trim(), ...(f.personId ? { personId: f.personId } : { name: f.cleanerName.trim() }) }
  const red = f.board === 'red'
  return {
    villageId,
    board: f.board,
    place: f.place.trim(),
    section: f.section.trim() || null,
    responsible,
    what: f.what.trim(),
    photos: f.photos,
    clauseId: f.clauseId,
    period: f.period,
    reward: red && f.reward.trim() ? f.reward.trim() : null,
    points: red && f.points.trim() ? Number(f.points.trim()) : null,
    showNameReason: f.board === 'black' && f.showName ? f.showNameReason.trim() : null,
    draft,
  }
}
