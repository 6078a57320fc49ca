/** A row of chips choosing one list (我的上报 / 我的同问; 待处理 / 已逾期 …), with each list's count when known. */
import { Text, View } from '@tarojs/components'

export function Tabs<K extends string>({ tabs, value, counts, onChange }: { tabs: ReadonlyArray<readonly [K, string]>; value: K; counts?: Partial<Record<K, number>>; onChange: (k: K) => void }) {
  return (
    <View className='vh-chips'>
      {tabs.map(([k, label]) => (
        <View key={k} className={`vh-chip ${value === k ? 'vh-chip--on' : ''}`} onClick={() => onChange(k)}>
          <Text>{counts?.[k] !== undefined ? `${label}（${counts[k]}）` : label}</Text>
        </View>
      ))}
    </View>
  )
}
