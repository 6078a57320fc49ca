/** 1–5 stars: tappable when `onChange` is given, else shown. */
import { Text, View } from '@tarojs/components'

export function Stars({ value, onChange }: { value: number; onChange?: (n: number) => void }) {
  return (
    <View className='vh-chips'>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`vh-chip ${n <= value ? 'vh-chip--on' : ''}`} onClick={onChange ? () => onChange(n) : undefined}>
          ★
        </Text>
      ))}
      {value > 0 && <Text className='vh-muted'>{`${value}星`}</Text>}
    </View>
  )
}
