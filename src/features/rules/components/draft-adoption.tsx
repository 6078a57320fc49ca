import { Input, Picker, Text, View } from '@tarojs/components'
import type { AdoptionMeeting } from '@contract'
import { ymd } from '@/shared/time'
import { Card, Choice, Choices, FieldError, pressable } from '@/shared/ui'
import type { AdoptionForm, CountField } from './draft-form'
import { COUNT_FIELDS, COUNT_LABELS } from './draft-form'

/** A day picked from WeChat's date picker (so always YYYY-MM-DD), or none yet; can be cleared. */
function DateField({
  label,
  value,
  error,
  start,
  end,
  onChange,
}: {
  label: string
  value: string
  error?: string
  start?: string
  end?: string
  onChange: (v: string) => void
}) {
  return (
    <View className='vh-field'>
      <Text className='vh-field__label'>{label}</Text>
      <View className='rules-draft-date'>
        <Picker mode='date' value={value || ymd()} start={start} end={end} onChange={(e) => onChange(e.detail.value)}>
          <View className={`vh-field__input rules-draft-date__value ${value ? '' : 'vh-muted'}`}>{value || '请选择日期'}</View>
        </Picker>
        {value && (
          <Text className='rules-draft-tool' {...pressable(() => onChange(''))}>
            清除
          </Text>
        )}
      </View>
      <FieldError message={error} />
    </View>
  )
}

/** 施行日期 and how the assembly adopted the version: meeting, date, attendance and votes. */
export function DraftAdoption({
  effectiveDate,
  adoption,
  meetings,
  errors,
  onEffectiveDate,
  onAdoption,
}: {
  effectiveDate: string
  adoption: AdoptionForm
  meetings: AdoptionMeeting[]
  errors: Record<string, string>
  onEffectiveDate: (v: string) => void
  onAdoption: (a: AdoptionForm, touched: string) => void
}) {
  const set = <K extends keyof AdoptionForm>(k: K, v: AdoptionForm[K]) => onAdoption({ ...adoption, [k]: v }, `adoption.${k}`)
  const representatives = adoption.meeting?.includes('代表') ?? false
  return (
    <>
      <Card title='施行日期'>
        <DateField label='自哪天起施行' value={effectiveDate} error={errors.effectiveDate} start={ymd()} onChange={onEffectiveDate} />
        <Text className='vh-muted rules-draft-hint'>发布时施行日期不能早于当天，也不能早于表决日期。</Text>
      </Card>
      <Card title='表决情况'>
        <View className='vh-field'>
          <Text className='vh-field__label'>表决方式</Text>
          <Choices label='表决会议'>
            {meetings.map((m) => (
              <Choice key={m} on={adoption.meeting === m} onClick={() => set('meeting', adoption.meeting === m ? null : m)}>
                {m}
              </Choice>
            ))}
          </Choices>
          <FieldError message={errors['adoption.meeting']} />
        </View>
        <DateField label='表决日期' value={adoption.date} error={errors['adoption.date']} end={ymd()} onChange={(v) => set('date', v)} />
        <View className='rules-draft-counts'>
          {COUNT_FIELDS.map((f) => (
            <CountInput key={f} field={f} value={adoption[f]} error={errors[`adoption.${f}`]} onChange={(v) => set(f, v)} />
          ))}
        </View>
        <FieldError message={errors.adoption} />
        <Text className='vh-muted rules-draft-hint'>
          {representatives
            ? '代表会议须有三分之二以上的代表到会；赞成票须超过到会人数的一半。'
            : '会议须有过半数的人员到会；赞成票须超过到会人数的一半。没有反对或弃权的，请填 0。'}
        </Text>
      </Card>
    </>
  )
}

function CountInput({ field, value, error, onChange }: { field: CountField; value: string; error?: string; onChange: (v: string) => void }) {
  const label = COUNT_LABELS[field]
  return (
    <View className='vh-field rules-draft-count'>
      <Text className='vh-field__label'>{label}</Text>
      <Input className='vh-field__input' type='number' value={value} placeholder={`请填写${label}`} maxlength={8} onInput={(e) => onChange(e.detail.value)} />
      <FieldError message={error} />
    </View>
  )
}
