import { Text, View } from '@tarojs/components'
import type { Topic } from '@contract'
import { TOPIC_STATUS_LABELS } from '@contract/tables'
import { formatTime } from '@/shared/time'
import { Card, Tag } from '@/shared/ui'
import { Photos } from './photos'
import { TopicStatusTag } from './topic-status-tag'
import './deliberation.scss'
import { useVillageWords } from '@/features/account/words'

/** The published decision and its implementation record (progress with photos, until done). */
export function Implementation({ topic, photoUrls }: { topic: Pick<Topic, 'status' | 'opensAt' | 'decision' | 'updates'>; photoUrls: Record<string, string> }) {
  const { committee } = useVillageWords()
  if (!topic.decision) return null
  const d = topic.decision
  return (
    <>
      <Card title={`${committee}决议`} extra={<TopicStatusTag topic={topic} />}>
        <Text className='dl-decision'>{d.text}</Text>
        <Text className='vh-muted dl-block'>{`${d.byName} · ${formatTime(d.at)} 公布`}</Text>
      </Card>
      <Card title='落实进展'>
        {topic.updates.length === 0 ? (
          <Text className='vh-muted dl-block'>{`${committee}将在这里公布落实进展`}</Text>
        ) : (
          <View className='dl-timeline'>
            {topic.updates.map((u) => (
              <View key={u.id} className={`dl-timeline__item ${u.done ? 'dl-timeline__item--done' : ''}`}>
                <View className='dl-timeline__dot' />
                <Text className='vh-muted dl-block'>{`${formatTime(u.at)} · ${u.byName}`}</Text>
                <Text className='dl-pre'>{u.text}</Text>
                <Photos ids={u.photos} urls={photoUrls} />
                {u.done && <Tag tone='green'>{TOPIC_STATUS_LABELS.done}</Tag>}
              </View>
            ))}
          </View>
        )}
      </Card>
    </>
  )
}
