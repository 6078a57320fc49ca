/**
 * The create/edit activity form as the committee fills it: a day and two clock times (Beijing time), the
 * number of people as typed. The checks here say in Chinese what volunteer.save would refuse, keyed by the
 * input's field names (the server's field errors land on the same fields).
 */
import type { ActivityDetail, InputOf } from '@contract'
import { beijing, fromBeijing, ymd } from '@/shared/time'

export interface ActivityForm {
  /** null: the committee's own */
  orgId: string | null
  title: string
  place: string
  /** YYYY-MM-DD */
  date: string
  /** HH:mm */
  start: string
  end: string
  /** as typed */
  capacity: string
  bring: string
  description: string
}

export type FormField = 'orgId' | 'title' | 'place' | 'startsAt' | 'endsAt' | 'capacity' | 'bring' | 'description'

/** a new activity: tomorrow 09:00–11:00, for the first organisation the caller may post for */
export const emptyForm = (orgId: string | null, now: number): ActivityForm => ({
  orgId,
  title: '',
  place: '',
  date: ymd(beijing(now).add(1, 'day').valueOf()),
  start: '09:00',
  end: '11:00',
  capacity: '',
  bring: '',
  description: '',
})

export const formOf = (a: ActivityDetail): ActivityForm => ({
  orgId: a.orgId,
  title: a.title,
  place: a.place,
  date: ymd(a.startsAt),
  start: beijing(a.startsAt).format('HH:mm'),
  end: beijing(a.endsAt).format('HH:mm'),
  capacity: String(a.capacity),
  bring: a.bring,
  description: a.description,
})

const LIMITS = { title: ['活动名称', 40], place: ['地点', 60] } as const

/** What is wrong with the form now, by field: empty when it may be sent. */
export function checkForm(f: ActivityForm, now: number): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {}
  for (const [key, [what, max]] of Object.entries(LIMITS) as Array<[keyof typeof LIMITS, readonly [string, number]]>) {
    const v = f[key].trim()
    if (!v) errors[key] = `请填写${what}`
    else if (v.length > max) errors[key] = `${what}不超过${max}个字`
  }
  const startsAt = fromBeijing(f.date, f.start)
  if (startsAt <= now) errors.startsAt = '开始时间应晚于现在'
  if (fromBeijing(f.date, f.end) <= startsAt) errors.endsAt = '结束时间应晚于开始时间'
  const n = f.capacity.trim()
  if (!n) errors.capacity = '请填写招募人数'
  else if (!/^\d+$/.test(n)) errors.capacity = '招募人数应为整数'
  else if (Number(n) < 1) errors.capacity = '招募人数至少1人'
  else if (Number(n) > 200) errors.capacity = '招募人数不超过200人'
  if (f.bring.trim().length > 100) errors.bring = '需自带物品不超过100个字'
  if (f.description.trim().length > 1000) errors.description = '活动介绍不超过1000个字'
  return errors
}

/** the form's fields each input field is made from: editing one of them clears that input field's error */
export const FIELDS_OF: Record<keyof ActivityForm, FormField[]> = {
  orgId: ['orgId'],
  title: ['title'],
  place: ['place'],
  date: ['startsAt', 'endsAt'],
  start: ['startsAt', 'endsAt'],
  end: ['endsAt'],
  capacity: ['capacity'],
  bring: ['bring'],
  description: ['description'],
}

export function toInput(villageId: string, activityId: string | null, f: ActivityForm): InputOf<'volunteer.save'> {
  return {
    villageId,
    ...(activityId ? { activityId } : {}),
    orgId: f.orgId,
    title: f.title.trim(),
    place: f.place.trim(),
    startsAt: fromBeijing(f.date, f.start),
    endsAt: fromBeijing(f.date, f.end),
    capacity: Number(f.capacity.trim()),
    bring: f.bring.trim(),
    description: f.description.trim(),
  }
}
