import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { FollowUpGrid, FollowUpHousehold } from '@contract'
import { Card, Tag } from '@/shared/ui'

/** One grid: its counts, the households loaded so far with someone who has not agreed yet, and who; then `children` (加载更多). */
export function GridCard({ grid, households, children }: { grid: FollowUpGrid; households: FollowUpHousehold[]; children?: ReactNode }) {
  return (
    <Card title={grid.gridName} extra={<Text className='vh-muted'>{`${grid.pendingHouseholds} 户、${grid.pendingPersons} 人未承诺`}</Text>}>
      {households.map((h) => (
        <HouseholdRow key={h.householdId ?? h.doorplate} household={h} />
      ))}
      {children}
    </Card>
  )
}

function HouseholdRow({ household: h }: { household: FollowUpHousehold }) {
  return (
    <View className='rules-fu-household'>
      <View className='rules-fu-household__head'>
        <Text className='rules-fu-household__doorplate'>{h.doorplate}</Text>
        {h.headName && <Text className='vh-muted'>{`户主 ${h.headName}`}</Text>}
        <Tag tone={h.householdAgreed ? 'green' : 'red'}>{h.householdAgreed ? '本户已有人承诺' : '全户未承诺'}</Tag>
      </View>
      {h.pending.map((p) => (
        <View key={p.personId} className='rules-fu-person'>
          <Text className='rules-fu-person__name'>{p.name}</Text>
          {p.relation && <Text className='vh-muted'>{p.relation}</Text>}
          <Text className='vh-muted rules-fu-person__version'>{p.agreedVersion ? `曾承诺第${p.agreedVersion}版` : '从未承诺'}</Text>
        </View>
      ))}
      <Text className='vh-muted'>{`本户 ${h.residents} 位居民，${h.pending.length} 位未承诺`}</Text>
    </View>
  )
}
