/**
 * Picks one of many (a household by 门牌号 or 户主, a person by name): type a few characters, tap a match.
 * A village has hundreds of households, too many for a wheel; the picked one shows with 更换.
 */
import { Input, Text } from '@tarojs/components'
import { useState } from 'react'
import { Button, Field, Row } from './index'

export interface Choice {
  id: string
  text: string
}

const MAX_SHOWN = 8

export function SearchPick({ label, placeholder, choices, value, error, onChange }: { label: string; placeholder: string; choices: Choice[]; value: string | null; error?: string; onChange: (id: string | null) => void }) {
  const [q, setQ] = useState('')
  const picked = choices.find((c) => c.id === value)
  if (picked) {
    return (
      <Field label={label} error={error}>
        <Row label={picked.text}>
          <Button kind='plain' onClick={() => onChange(null)}>
            更换
          </Button>
        </Row>
      </Field>
    )
  }
  const term = q.trim()
  const matches = term ? choices.filter((c) => c.text.includes(term)) : []
  return (
    <Field label={label} error={error}>
      <Input className='vh-field__input' value={q} placeholder={placeholder} maxlength={20} onInput={(e) => setQ(e.detail.value)} />
      {matches.slice(0, MAX_SHOWN).map((c) => (
        <Row key={c.id} label={c.text} onClick={() => (onChange(c.id), setQ(''))} />
      ))}
      {term && matches.length === 0 && <Text className='vh-muted vh-block'>没有找到，换个字试试</Text>}
      {matches.length > MAX_SHOWN && <Text className='vh-muted vh-block'>{`还有 ${matches.length - MAX_SHOWN} 个，请多输入几个字`}</Text>}
    </Field>
  )
}
