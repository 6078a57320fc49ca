/** 1–5 stars: tappable when `onChange` is given (a radio group), else shown (read as 「4星」). */
import { Text, View } from '@tarojs/components'
import { Choice, Choices } from '@/shared/ui'

export function Stars({ value, onChange }: { value: number; onChange?: (n: number) => void }) {
  const stars = [1, 2, 3, 4, 5]
  if (!onChange) {
    return (
      <View className='vh-chips' role='img' aria-label={value > 0 ? `${value}星` : '未评分'}>
        {stars.map((n) => (
          <Text key={n} className={`vh-chip ${n <= value ? 'vh-chip--on' : ''}`}>
            ★
          </Text>
        ))}
      </View>
    )
  }
  return (
    <Choices label='评分'>
      {stars.map((n) => (
        <Choice key={n} on={n <= value} label={`${n}星`} onClick={() => onChange(n)}>
          ★
        </Choice>
      ))}
      {value > 0 && <Text className='vh-muted'>{`${value}星`}</Text>}
    </Choices>
  )
}
