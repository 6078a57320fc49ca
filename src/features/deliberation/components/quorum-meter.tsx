import { Text, View } from '@tarojs/components'
import type { Turnout, VotingMode } from '@contract'
import { quorumExplained, quorumText } from '../labels'
import './deliberation.scss'

const pct = (n: number, of: number) => (of > 0 ? Math.min(100, (n / of) * 100) : 0)

/**
 * How far the turnout is from the legal quorum: a bar of participants against all who may vote,
 * online and in person stacked, with the quorum line marked on it.
 */
export function QuorumMeter({ mode, turnout: t, compact }: { mode: VotingMode; turnout: Turnout; compact?: boolean }) {
  const online = pct(t.online, t.eligible)
  const inPerson = Math.min(100 - online, pct(t.inPerson, t.eligible))
  const line = pct(t.quorumNeeded, t.eligible)
  return (
    <View className={`dl-meter ${compact ? 'dl-meter--compact' : ''} ${t.quorumMet ? 'dl-meter--met' : ''}`}>
      <Text className='dl-meter__text'>{quorumText(mode, t)}</Text>
      <View className='dl-meter__bar' role='meter'>
        <View className='dl-meter__fill dl-meter__fill--online' style={{ width: `${online}%` }} />
        <View className='dl-meter__fill dl-meter__fill--inperson' style={{ width: `${inPerson}%` }} />
        {t.eligible > 0 && <View className='dl-meter__line' style={{ left: `${line}%` }} />}
      </View>
      <View className='dl-meter__foot'>
        <Text className='vh-muted'>{`线上 ${t.online} · 现场 ${t.inPerson}`}</Text>
        <Text className='vh-muted'>{`参与率 ${t.percent}%`}</Text>
      </View>
      {!compact && <Text className='vh-muted dl-block'>{quorumExplained(mode, t)}</Text>}
    </View>
  )
}
