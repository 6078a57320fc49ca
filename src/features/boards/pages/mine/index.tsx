import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { EntryView, MembershipView } from '@contract'
import { NOMINATION_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { formatTime } from '@/shared/time'
import { Async, Button, Card, Empty, Tag } from '@/shared/ui'
import { getMine } from '../../api'
import { AppealForm, AppealRecord } from '../../components/appeal'
import { EntryCard } from '../../components/entry-card'
import { BoardsPage } from '../../components/gate'

/** 我家的公示: entries naming me or my household — a notice with its deadline and 申诉 first — and my nominations. */
export default function MinePage() {
  return <BoardsPage what='查看我家的公示'>{(m) => <Mine membership={m} />}</BoardsPage>
}

function Mine({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getMine(villageId), [villageId])
  useReloadOnShow(query)
  const [changed, setChanged] = useState<Record<string, EntryView>>({})
  const [appealing, setAppealing] = useState<string | null>(null)

  return (
    <View>
      <View className='vh-title'>我家的公示</View>
      <Async
        query={query}
        isEmpty={(d) => d.entries.length === 0 && d.nominations.length === 0}
        empty={<Empty text='您家没有上榜的条目，也还没有推荐过好人好事。' />}
      >
        {(d) => {
          const entries = d.entries.map((e) => changed[e.id] ?? e)
          // what needs me first: a notice I can still appeal
          const sorted = [...entries].sort((a, b) => Number(b.can.appeal) - Number(a.can.appeal))
          return (
            <>
              {sorted.map((e) => (
                <View key={e.id}>
                  <EntryCard entry={e} showStatus onOpen={() => void Taro.navigateTo({ url: pageUrl('boards.entry', { entryId: e.id }) })} />
                  {e.status === 'notice' && e.noticeUntil && (
                    <Text className='bd-block' style={{ color: '#b71c1c' }}>{`公示前告知：请在 ${formatTime(e.noticeUntil)} 前核实，有异议可申诉`}</Text>
                  )}
                  <AppealRecord entry={e} />
                  {e.can.appeal &&
                    (appealing === e.id ? (
                      <AppealForm villageId={villageId} entry={e} onDone={(next) => (setChanged((c) => ({ ...c, [next.id]: next })), setAppealing(null))} />
                    ) : (
                      <Button kind='primary' block onClick={() => setAppealing(e.id)}>
                        我要申诉
                      </Button>
                    ))}
                  {!e.can.appeal && e.can.appealWhy && !e.appeal && e.status === 'notice' && <Text className='vh-muted bd-block'>{e.can.appealWhy}</Text>}
                </View>
              ))}
              {d.nominations.length > 0 && (
                <Card title='我推荐的好人好事'>
                  {d.nominations.map((n) => (
                    <View key={n._id} className='vh-row'>
                      <Text className='vh-row__label'>{n.nomineeName}</Text>
                      <View className='vh-row__value'>
                        <Tag tone={n.status === 'accepted' ? 'gold' : 'grey'}>{NOMINATION_STATUS_LABELS[n.status]}</Tag>
                        {n.review && <Text className='vh-muted bd-block'>{n.review.reason}</Text>}
                      </View>
                    </View>
                  ))}
                </Card>
              )}
            </>
          )
        }}
      </Async>
    </View>
  )
}
