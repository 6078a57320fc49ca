import { Text, View } from '@tarojs/components'
import type { TopicSummary } from '@contract'
import { VOTING_MODE_LABELS } from '@contract/tables'
import { Card, pressable, Tag } from '@/shared/ui'
import { deadlineText, isUpcoming, resultLine } from '../labels'
import { TopicStatusTag } from './topic-status-tag'
import { QuorumMeter } from './quorum-meter'
import './tab.scss'

/** One topic in the 议事 tab: what, how it is voted, until when, how far from the quorum, the result. */
export function TopicCard({ topic: t, onOpen, canVote = true }: { topic: TopicSummary; onOpen: () => void; /** false for staff, who are not asked to vote */ canVote?: boolean }) {
  const result = t.result ? resultLine(t.result) : null
  return (
    <View className='dl-topic' {...pressable(onOpen)}>
      <Card>
        <Text className='dl-topic__title'>{t.title}</Text>
        <View className='dl-topic__tags'>
          <TopicStatusTag topic={t} />
          <Tag>{VOTING_MODE_LABELS[t.mode]}</Tag>
          {t.voted && <Tag tone='green'>已投票</Tag>}
        </View>
        <Text className='vh-muted dl-block'>{deadlineText(t)}</Text>
        {t.status !== 'draft' && !isUpcoming(t) && <QuorumMeter mode={t.mode} turnout={t.turnout} compact />}
        {t.result && result && (
          <View className='dl-topic__result'>
            <Tag tone={result.tone}>{result.text}</Tag>
            <Text className='vh-muted dl-block'>{t.result.summary}</Text>
          </View>
        )}
        <View className='dl-topic__foot'>
          <Text>{t.commentCount > 0 ? `${t.commentCount} 条意见` : '暂无意见'}</Text>
          <Text>{canVote && t.status === 'open' && !t.voted && !isUpcoming(t) ? '去投票 ›' : '查看 ›'}</Text>
        </View>
      </Card>
    </View>
  )
}
