/** What the deliberation feature adds to the tab pages: the whole 议事 tab of a village. */
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MembershipView, TopicSummary } from '@contract'
import { topicsNext, VOTING_MODE_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { LoadMore, Async, Button, Card, Empty, Row, Tag } from '@/shared/ui'
import { listTopics } from './api'
import { TopicCard } from './components/topic-card'
import { isUpcoming, takesPart } from './labels'
import { useVillageWords } from '@/features/account/words'

interface Section {
  title: string
  topics: TopicSummary[]
}

/** 进行中 (voting first, soonest deadline first; then those about to open), 已表决, 落实中 / 已办结 */
function sections(list: TopicSummary[], now = Date.now()): Section[] {
  const open = list.filter((t) => t.status === 'open')
  const voting = open.filter((t) => !isUpcoming(t, now)).sort((a, b) => a.closesAt - b.closesAt)
  const upcoming = open.filter((t) => isUpcoming(t, now)).sort((a, b) => a.opensAt - b.opensAt)
  const latest = (a: TopicSummary, b: TopicSummary) => b.closesAt - a.closesAt
  return [
    { title: '进行中', topics: [...voting, ...upcoming] },
    { title: '已表决', topics: list.filter((t) => t.status === 'closed').sort(latest) },
    { title: '落实中 / 已办结', topics: [...list.filter((t) => t.status === 'decided').sort(latest), ...list.filter((t) => t.status === 'done').sort(latest)] },
  ].filter((s) => s.topics.length > 0)
}

/** 议事: the village's topics, by stage; 村民提议; for the committee, 发布议题 and the drafts. */
export function VillageTopics({ membership }: { membership: MembershipView }) {
  const { committee, people } = useVillageWords(membership.village.kind)
  const villageId = membership.villageId
  const isCommittee = membership.roles.includes('committee')
  const resident = takesPart(membership)
  const topics = useQuery(() => listTopics(villageId), [villageId])
  const drafts = useQuery(() => listTopics(villageId, 'draft'), [villageId], isCommittee)
  // the ended topics past the first page, asked for with 加载更多 (keyset pages stay valid while the first reloads on show)
  const [older, setOlder] = useState<{ list: TopicSummary[]; next: string | null } | null>(null)
  useEffect(() => setOlder(null), [villageId])
  const next = older ? older.next : topics.data ? topicsNext(topics.data) : null
  const more = useMutation(async (after: string) => {
    const page = await listTopics(villageId, undefined, after)
    setOlder((o) => ({ list: [...(o?.list ?? []), ...page], next: topicsNext(page) }))
  })
  useReloadOnShow(topics, drafts)
  usePullDownRefresh(() => {
    setOlder(null)
    void Promise.all([topics.reload(), drafts.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  const open = (url: string) => void Taro.navigateTo({ url })
  const published = (l: TopicSummary[]) => l.filter((t) => t.status !== 'draft')

  return (
    <>
      <View className='vh-title'>{`${membership.village.name} · 议事`}</View>
      {isCommittee && (
        <Button kind='primary' block onClick={() => open(pageUrl('deliberation.edit'))}>
          发布议题
        </Button>
      )}
      <Card>
        <Row label={`${people}提议`} onClick={() => open(pageUrl('deliberation.proposals'))}>
          <Text className='vh-muted'>{resident ? '有事提出来，大家联署后上会' : `查看${people}的提议和联署`}</Text>
        </Row>
      </Card>
      {isCommittee && drafts.data && drafts.data.length > 0 && (
        <Card title='草稿' extra={<Text className='vh-muted'>{`仅${committee}可见`}</Text>}>
          {drafts.data.map((d) => (
            <Row key={d.id} label={d.title} onClick={() => open(pageUrl('deliberation.edit', { topicId: d.id }))}>
              <Tag tone='grey'>{VOTING_MODE_LABELS[d.mode]}</Tag>
            </Row>
          ))}
        </Card>
      )}
      <Async
        query={topics}
        isEmpty={(l) => published(l).length === 0}
        empty={<Empty text={`${membership.village.name}还没有议题。${committee}发布议题后，您可以在这里投票、发表意见。`} />}
      >
        {(first) => (
          <>
            {sections(published([...first, ...(older?.list ?? []).filter((t) => !first.some((f) => f.id === t.id))])).map((s) => (
              <View key={s.title} className='dl-section'>
                <Text className='dl-section__title'>{s.title}</Text>
                {s.topics.map((t) => (
                  <TopicCard key={t.id} topic={t} canVote={resident} onOpen={() => open(pageUrl('deliberation.topic', { topicId: t.id }))} />
                ))}
              </View>
            ))}
            <LoadMore more={next !== null} busy={more.busy} error={more.error} onLoad={() => void more.run(next!)} />
          </>
        )}
      </Async>
    </>
  )
}
