import { Text, View } from '@tarojs/components'
import type { Turnout, VotingMode } from '@contract'
import { BALLOT_SOURCE_SHORT } from '@contract/tables'
import { percent } from '@/shared/percent'
import { MODE_UNITS, quorumExplained, quorumText } from '../labels'
import './tab.scss'

/**
 * How far the turnout is from the legal quorum: a bar of participants against all who may vote,
 * online and in person stacked, with the quorum line marked on it.
 */
export function QuorumMeter({ mode, turnout: t, compact }: { mode: VotingMode; turnout: Turnout; compact?: boolean }) {
  const online = percent(t.online, t.eligible)
  const inPerson = Math.min(100 - online, percent(t.inPerson, t.eligible))
  const line = percent(t.quorumNeeded, t.eligible)
  return (
    <View className={`dl-meter ${compact ? 'dl-meter--compact' : ''} ${t.quorumMet ? 'dl-meter--met' : ''}`}>
      <Text className='dl-meter__text'>{quorumText(mode, t)}</Text>
      <View
        className='dl-meter__bar'
        role='progressbar'
        aria-label={`参与${MODE_UNITS[mode]}数`}
        aria-valuemin={0}
        aria-valuemax={Math.max(t.eligible, 1)}
        aria-valuenow={Math.min(t.participants, t.eligible)}
        aria-valuetext={`${quorumText(mode, t)}，参与率 ${t.percent}%`}
      >
        <View className='dl-meter__fill dl-meter__fill--online' style={{ width: `${online}%` }} />
        <View className='dl-meter__fill dl-meter__fill--inperson' style={{ width: `${inPerson}%` }} />
        {t.eligible > 0 && <View className='dl-meter__line' style={{ left: `${line}%` }} />}
      </View>
      <View className='dl-meter__foot'>
        <Text className='vh-muted'>{`${BALLOT_SOURCE_SHORT.online} ${t.online} · ${BALLOT_SOURCE_SHORT.meeting} ${t.inPerson}`}</Text>
        <Text className='vh-muted'>{`参与率 ${t.percent}%`}</Text>
      </View>
      {!compact && <Text className='vh-muted dl-block'>{quorumExplained(mode, t)}</Text>}
    </View>
  )
}
