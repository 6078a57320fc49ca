import { Text, View } from '@tarojs/components'
import type { Topic, TopicDetail, Turnout, VillageKind, VotingMode } from '@contract'
import { useQuery } from '@/shared/api/use-query'
import { percent } from '@/shared/percent'
import { formatTime } from '@/shared/time'
import { Async, Card, Empty, Row, Tag } from '@/shared/ui'
import { getTurnoutByGrid } from '../../api'
import { Bar, Hint, KIND_TEXT, modeText, RESULTS_TEXT } from '../../components/committee-kit'
import { TopicStatusTag } from '../../components/topic-status-tag'
import { MODE_UNITS } from '../../labels'

/** What the topic is and how it is voted on. */
export function OverviewCard({ detail: d, kind }: { detail: TopicDetail; kind: VillageKind }) {
  const t = d.topic
  return (
    <Card title={t.title} extra={<TopicStatusTag topic={t} />}>
      <Text className='dlb-manage-question'>{t.question}</Text>
      <Row label='表决方式'>{t.kind === 'choice' ? `${KIND_TEXT.choice.label}（${t.maxChoices > 1 ? `最多选${t.maxChoices}项` : '只选1项'}）` : KIND_TEXT.yesno.label}</Row>
      <Row label='谁来投票'>{modeText(t.mode, kind).label}</Row>
      <Row label='票数公开'>{RESULTS_TEXT[t.results].label}</Row>
      <Row label='开始'>{formatTime(t.opensAt)}</Row>
      <Row label='截止'>{formatTime(t.closesAt)}</Row>
      {d.proposal && <Row label='来自提议'>{`${d.proposal.proposerName}：${d.proposal.title}`}</Row>}
    </Card>
  )
}

/** Turnout against the quorum, with where the quorum is on the bar. */
export function TurnoutCard({ turnout: t, mode }: { turnout: Turnout; mode: VotingMode }) {
  const unit = MODE_UNITS[mode]
  const mark = t.eligible > 0 ? percent(t.quorumNeeded, t.eligible) : undefined
  const short = Math.max(0, t.quorumNeeded - t.participants)
  return (
    <Card title='参与情况' extra={<Tag tone={t.quorumMet ? 'green' : 'gold'}>{t.quorumMet ? '已达法定人数' : '未达法定人数'}</Tag>}>
      <View className='vh-stat'>
        <View>
          <Text className='vh-stat__num'>{`${t.participants}/${t.eligible}`}</Text>
          <Text className='vh-muted'>{`已参与（${unit}）`}</Text>
        </View>
        <View>
          <Text className='vh-stat__num'>{`${t.percent}%`}</Text>
          <Text className='vh-muted'>参与率</Text>
        </View>
      </View>
      <Bar percent={t.percent} mark={mark} tone={t.quorumMet ? 'green' : 'red'} />
      <Text className='dlb-manage-line'>
        {t.quorumMet ? `已达法定人数（${t.quorumNeeded} ${unit}），决议有效` : `法定人数 ${t.quorumNeeded} ${unit}，还差 ${short} ${unit}`}
      </Text>
      <Hint>{`手机投票 ${t.online} ${unit} · 现场登记 ${t.inPerson} ${unit}`}</Hint>
    </Card>
  )
}

/** The verdict once closed; the running counts while open (unless sealed). */
export function ResultCard({ detail: d }: { detail: TopicDetail }) {
  const t = d.topic
  const closed = t.status !== 'open'
  if (!d.tally && !d.result) {
    return t.results === 'sealed' && !closed ? (
      <Card title='票数'>
        <Hint>{`本议题截止后公布票数，${formatTime(t.closesAt)} 截止前任何人都看不到。`}</Hint>
      </Card>
    ) : null
  }
  return (
    <Card
      title={closed ? '表决结果' : '目前票数'}
      extra={d.result ? <Tag tone={d.result.valid ? 'green' : 'red'}>{d.result.verdict}</Tag> : undefined}
    >
      {d.result && <Text className='dlb-manage-summary'>{d.result.summary}</Text>}
      {d.tally?.map((o) => (
        <View key={o.optionId} className='dlb-manage-tally'>
          <View className='dlb-manage-tally__head'>
            <Text className='dlb-manage-tally__label'>{o.label}</Text>
            {o.carries && <Tag tone='green'>过半数</Tag>}
            <Text className='dlb-manage-tally__votes'>{`${o.votes} 票 · ${o.percent}%`}</Text>
          </View>
          <Bar percent={o.percent} tone={o.carries ? 'green' : 'gold'} />
        </View>
      ))}
    </Card>
  )
}

/** 各网格参与情况: where to go and knock on doors. */
export function GridTurnoutCard({ villageId, topic }: { villageId: string; topic: Topic }) {
  const query = useQuery(() => getTurnoutByGrid(villageId, topic._id), [villageId, topic._id, topic.status])
  const unit = MODE_UNITS[topic.mode]
  return (
    <Card title='各网格参与情况'>
      <Async query={query} isEmpty={(grids) => grids.length === 0} empty={<Empty text='本村还没有划分网格' />}>
        {(grids) => (
          <View>
            {grids.map((g) => (
              <View key={g.gridId ?? 'none'} className='dlb-manage-grid'>
                <View className='dlb-manage-grid__head'>
                  <Text className='dlb-manage-grid__name'>{g.gridName}</Text>
                  <Text className='vh-muted'>{`${g.participants}/${g.eligible} ${unit} · ${g.percent}%`}</Text>
                </View>
                <Bar percent={g.percent} />
              </View>
            ))}
          </View>
        )}
      </Async>
    </Card>
  )
}
