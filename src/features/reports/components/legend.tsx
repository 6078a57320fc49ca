import { Text, View } from '@tarojs/components'
import { LEGEND } from '../labels'

/** what each marker colour means */
export function Legend() {
  return (
    <View className='rp-legend'>
      {LEGEND.map((l) => (
        <View key={l.word}>
          <Text className='rp-legend__dot' style={{ background: l.colour }} />
          <Text>{l.word}</Text>
        </View>
      ))}
      <View>
        <Text className='rp-legend__dot' style={{ background: '#b71c1c', borderRadius: 0 }} />
        <Text>服务中心</Text>
      </View>
    </View>
  )
}
