/** A row of chips choosing one list (我的上报 / 我的同问; 待处理 / 已逾期 …), with each list's count when known. */
import { Text } from '@tarojs/components'
import { Choice, Choices } from '@/shared/ui'

export function Tabs<K extends string>({ label = '查看哪一类', tabs, value, counts, onChange }: { label?: string; tabs: ReadonlyArray<readonly [K, string]>; value: K; counts?: Partial<Record<K, number>>; onChange: (k: K) => void }) {
  return (
    <Choices label={label}>
      {tabs.map(([k, label]) => (
        <Choice key={k} on={value === k} onClick={() => onChange(k)}>
          <Text>{counts?.[k] !== undefined ? `${label}（${counts[k]}）` : label}</Text>
        </Choice>
      ))}
    </Choices>
  )
}
