import { Text, View } from '@tarojs/components'
import type { Me } from '@contract'
import { committeeWord, JOIN_STATUS_LABELS } from '@contract/tables'
import { Card, Tag } from '@/shared/ui'
import { formatTime } from '@/shared/format-time'
import { JOIN_STATUS_TONES } from '../labels'

/** The person's own join requests and what became of them. */
export function JoinRequestsStatus({ requests }: { requests: Me['requests'] }) {
  if (!requests.length) return null
  return (
    <Card title='我的入村申请'>
      {requests.map((r) => {
        const last = r.decisions[r.decisions.length - 1]
        return (
          <View key={r._id} className='vh-row'>
            <View style={{ flex: 1 }}>
              <Text>{r.village.name}</Text>
              <Text className='vh-muted'>{` · ${r.doorplate}`}</Text>
              {r.status === 'rejected' && last?.reason && <Text className='vh-field-error'>{`未通过原因：${last.reason}`}</Text>}
              {r.status === 'pending' && <Text className='vh-muted' style={{ display: 'block' }}>{`${formatTime(r.createdAt)} 提交，等待${committeeWord(r.village.kind)}审核`}</Text>}
            </View>
            <Tag tone={JOIN_STATUS_TONES[r.status]}>{JOIN_STATUS_LABELS[r.status]}</Tag>
          </View>
        )
      })}
    </Card>
  )
}
