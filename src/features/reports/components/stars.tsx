/** 1–5 stars: tappable when `onChange` is given, else shown. */
import { Text, View } from '@tarojs/components'
import { pressable } from '@/shared/ui'

export function Stars({ value, onChange }: { value: number; onChange?: (n: number) => void }) {
  return (
    <View className='rp-stars'>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={n <= value ? 'rp-stars__on' : ''} {...pressable(onChange ? () => onChange(n) : undefined)}>
          ★
        </Text>
      ))}
      {value > 0 && <Text className='rp-stars__words'>{`${value}星`}</Text>}
    </View>
  )
}
