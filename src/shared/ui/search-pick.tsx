/**
 * Picks one of many (a household by 门牌号 or 户主, a person by name): type a few characters, tap a match.
 * A village has hundreds of households, too many for a wheel; the picked one shows with 更换. The choices are
 * given (`choices`), or asked of the server for what was typed once the typing settles (`search`: a register
 * far larger than one answer).
 */
import { Input, Text } from '@tarojs/components'
import { useState } from 'react'
import { useQuery } from '../api/use-query'
import { useDebounced } from '../use-debounced'
import { Alert, Button, Field, Row } from './index'

export interface Choice {
  id: string
  text: string
}

const MAX_SHOWN = 8

export function SearchPick({
  label,
  placeholder,
  choices = [],
  search,
  value,
  error,
  onChange,
}: {
  label: string
  placeholder: string
  choices?: Choice[]
  search?: (term: string) => Promise<Choice[]>
  value: string | null
  error?: string
  onChange: (id: string | null) => void
}) {
  const [q, setQ] = useState('')
  // what was tapped: a searched choice is not in `choices` to show as picked
  const [tapped, setTapped] = useState<Choice | null>(null)
  const term = q.trim()
  const asked = useDebounced(term)
  const found = useQuery(() => (search && asked ? search(asked) : Promise.resolve([])), [asked], !!search)
  const picked = choices.find((c) => c.id === value) ?? (value !== null && tapped?.id === value ? tapped : undefined)
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
  const waiting = !!search && !!term && (asked !== term || found.loading)
  const pool = search ? (waiting ? [] : found.data ?? []) : choices
  const matches = term ? pool.filter((c) => c.text.includes(term)) : []
  const pick = (c: Choice) => (setTapped(c), onChange(c.id), setQ(''))
  return (
    <Field label={label} error={error}>
      <Input className='vh-field__input' value={q} placeholder={placeholder} maxlength={20} onInput={(e) => setQ(e.detail.value)} />
      {matches.slice(0, MAX_SHOWN).map((c) => (
        <Row key={c.id} label={c.text} onClick={() => pick(c)} />
      ))}
      {waiting && <Text className='vh-muted vh-block'>正在查找…</Text>}
      {search && !waiting && <Alert message={found.error} />}
      {term && !waiting && !found.error && matches.length === 0 && <Text className='vh-muted vh-block'>没有找到，换个字试试</Text>}
      {matches.length > MAX_SHOWN && <Text className='vh-muted vh-block'>{`还有 ${matches.length - MAX_SHOWN} 个，请多输入几个字`}</Text>}
    </Field>
  )
}
