/**
 * The duty editor's form: from a duty, to affairs.saveDuty's input, and the checks the server makes (so a field is
 * marked before sending, and its mark goes as soon as it is fixed). Steps and 所需材料 are typed one per line.
 */
import type { DutyKind, DutyView, InputOf } from '@contract'

export interface DutyForm {
  kind: DutyKind
  name: string
  basis: string
  /** one step per line */
  steps: string
  responsible: string
  timeLimit: string
  /** a 办事指南 for residents (never for a 禁入 item) */
  hasGuide: boolean
  /** one item per line */
  bring: string
  where: string
  when: string
  phone: string
  needsCertificate: boolean
  certificateNote: string
}

export const formOf = (d: DutyView | null): DutyForm => ({
  kind: d?.kind ?? 'duty',
  name: d?.name ?? '',
  basis: d?.basis ?? '',
  steps: d?.steps.join('\n') ?? '',
  responsible: d?.responsible ?? '',
  timeLimit: d?.timeLimit ?? '',
  hasGuide: d ? d.guide !== null : true,
  bring: d?.guide?.bring.join('\n') ?? '',
  where: d?.guide?.where ?? '',
  when: d?.guide?.when ?? '',
  phone: d?.guide?.phone ?? '',
  needsCertificate: d?.guide?.needsCertificate ?? false,
  certificateNote: d?.guide?.certificateNote ?? '',
})

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

export const inputOf = (f: DutyForm, villageId: string, dutyId: string | null): InputOf<'affairs.saveDuty'> => ({
  villageId,
  dutyId,
  kind: f.kind,
  name: f.name.trim(),
  basis: f.basis.trim(),
  steps: linesOf(f.steps),
  responsible: f.responsible.trim(),
  timeLimit: f.timeLimit.trim(),
  guide:
    f.hasGuide && f.kind !== 'banned'
      ? { bring: linesOf(f.bring), where: f.where.trim(), when: f.when.trim(), phone: f.phone.trim(), needsCertificate: f.needsCertificate, certificateNote: f.certificateNote.trim() }
      : null,
})

const length = (s: string) => Array.from(s.trim()).length

/** what the server would refuse, by field (the same words) */
export function localChecks(f: DutyForm): Partial<Record<keyof DutyForm, string>> {
  const out: Partial<Record<keyof DutyForm, string>> = {}
  const text = (key: keyof DutyForm, what: string, max: number, min = 1) => {
    const n = length(String(f[key]))
    if (n === 0) out[key] = `请填写${what}`
    else if (n < min) out[key] = `${what}至少${min}个字`
    else if (n > max) out[key] = `${what}不超过${max}个字`
  }
  const lines = (key: 'steps' | 'bring', what: string, max: number, required: boolean) => {
    const l = linesOf(f[key])
    if (required && l.length === 0) out[key] = `请填写${what}，每行一项`
    else if (l.length > max) out[key] = `${what}不超过${max}项`
    else if (l.some((x) => length(x) > 100)) out[key] = `${what}每项不超过100个字`
  }
  text('name', '事项名称', 40, 2)
  text('basis', '依据', 200, 2)
  lines('steps', '办理流程', 12, true)
  text('responsible', '责任人', 40)
  text('timeLimit', '办理时限', 30)
  if (f.hasGuide && f.kind !== 'banned') {
    lines('bring', '所需材料', 12, false)
    text('where', '办理地点', 60)
    text('when', '办理时间', 60)
    text('phone', '咨询电话', 30)
    if (!f.needsCertificate && length(f.certificateNote) < 4) out.certificateNote = '请说明为什么不需要证明'
    else text('certificateNote', '证明说明', 200)
  }
  return out
}

/** the form field a server error names: `guide.bring.2` is 所需材料, `steps.0` the steps */
export function fieldOf(serverKey: string): string {
  const parts = serverKey.split('.').filter((p) => !/^\d+$/.test(p))
  return parts[0] === 'guide' && parts.length > 1 ? parts[1] : parts[0]
}
