import { Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Card, Choice, Choices, Empty, Row } from '@/shared/ui'
import { listActivities } from '../../api'
import { ActivityItem, VolunteerPage } from '../../components'

/** 志愿服务 (?villageId=): the village's activities, upcoming (soonest first) and past, with my status. */
export default function ListPage() {
  return <VolunteerPage what='查看志愿活动'>{(m) => <List membership={m} />}</VolunteerPage>
}

function List({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => listActivities(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const [tab, setTab] = useState<'upcoming' | 'past'>('upcoming')
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <>
      <Card>
        <Row label='志愿时长与排行' onClick={() => go(pageUrl('volunteer.hours', { villageId }))}>
          <Text className='vh-muted'>我的时长 · 全村统计</Text>
        </Row>
      </Card>
      {!!query.data?.canPostFor.length && (
        <Button kind='primary' block onClick={() => go(pageUrl('volunteer.edit', { villageId }))}>
          发布活动
        </Button>
      )}
      <Choices label='活动'>
        {(
          [
            ['upcoming', '报名中 · 进行中'],
            ['past', '已结束'],
          ] as const
        ).map(([t, label]) => (
          <Choice key={t} on={tab === t} onClick={() => setTab(t)}>
            <Text>{query.data ? `${label}（${query.data[t].length}）` : label}</Text>
          </Choice>
        ))}
      </Choices>
      <Async query={query} isEmpty={(d) => d[tab].length === 0} empty={<Empty text={tab === 'upcoming' ? '近期没有志愿活动' : '还没有结束的活动'} />}>
        {(d) => (
          <>
            {d[tab].map((a) => (
              <ActivityItem key={a.id} activity={a} onClick={() => go(pageUrl('volunteer.activity', { villageId, activityId: a.id }))} />
            ))}
          </>
        )}
      </Async>
    </>
  )
}
