import { Text, View } from '@tarojs/components'
import type { OptionTally, Topic, Turnout } from '@contract'
import { Tag } from '@/shared/ui'
import { MODE_UNITS, isClosed, isUpcoming } from '../labels'
import './deliberation.scss'

/**
 * The count per option: bars with votes and percent of those who took part; after the close the
 * option that carried (more than half) is highlighted. Sealed and open: no counts, only the promise.
 */
export function Tally({ topic, tally, turnout }: { topic: Pick<Topic, 'status' | 'opensAt' | 'results' | 'mode'>; tally: OptionTally[] | null; turnout: Turnout }) {
  const closed = isClosed(topic.status)
  if (!tally) {
    if (isUpcoming(topic)) return <Text className='vh-muted dl-block'>投票尚未开始</Text>
    if (topic.results === 'sealed' && !closed) {
      return (
        <View className='dl-sealed'>
          <Text className='dl-sealed__title'>票数在截止后公布</Text>
          <Text className='vh-muted dl-block'>本议题不公开实时票数，以免影响大家独立表决；截止后统一公布每个选项的票数。</Text>
        </View>
      )
    }
    return <Text className='vh-muted dl-block'>暂无票数</Text>
  }
  const unit = MODE_UNITS[topic.mode]
  return (
    <View className='dl-tally'>
      {tally.map((o) => {
        const carried = closed && o.carries
        return (
          <View key={o.optionId} className={`dl-tally__row ${carried ? 'dl-tally__row--carried' : ''}`}>
            <View className='dl-tally__head'>
              <Text className='dl-tally__label'>{o.label}</Text>
              {carried && <Tag tone='red'>过半数</Tag>}
              <Text className='dl-tally__num'>{`${o.votes} 票 · ${o.percent}%`}</Text>
            </View>
            <View className='dl-tally__bar'>
              <View className='dl-tally__fill' style={{ width: `${Math.min(100, o.percent)}%` }} />
            </View>
          </View>
        )
      })}
      <Text className='vh-muted dl-block'>
        {`百分比按参与表决的 ${turnout.participants} ${unit}计算${closed ? '' : '；实时票数，以截止时为准'}`}
      </Text>
    </View>
  )
}
