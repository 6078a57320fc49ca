/** A tappable row whose lines take the card's whole width (a Row's right-hand value is too narrow for a household's lines). */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { pressable } from '@/shared/ui'

export function LinkBlock({ title, children, onClick }: { title: string; children?: ReactNode; onClick: () => void }) {
  return (
    <View className='vh-row vh-row--link' {...pressable(onClick)}>
      <View style={{ flex: 1 }}>
        <Text className='vh-block'>{title}</Text>
        {children}
      </View>
      <Text className='vh-row__arrow'>›</Text>
    </View>
  )
}
