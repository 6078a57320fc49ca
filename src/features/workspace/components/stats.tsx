/** A row of big figures with their names (今日预约 12 · 已签到 8 …): the workspaces' headline counts. */
import { Text, View } from '@tarojs/components'

export function Stats({ items }: { items: Array<{ label: string; value: number }> }) {
  return (
    <View className='vh-stat'>
      {items.map((s) => (
        <View key={s.label} aria-label={`${s.label} ${s.value}`}>
          <Text className='vh-stat__num'>{String(s.value)}</Text>
          <Text className='vh-muted'>{s.label}</Text>
        </View>
      ))}
    </View>
  )
}
