import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { Async, Card, Empty, Row } from '@/shared/ui'
import { getQueue, type QueueFilter } from '../../api'
import { ReportsPage } from '../../components/frame'
import { ReportItem } from '../../components/report-item'
import { Tabs } from '../../components/tabs'
import { handlesReports } from '../../labels'

const TABS: ReadonlyArray<readonly [QueueFilter, string]> = [
  ['open', '待处理'],
  ['overdue', '已逾期'],
  ['closed', '已办结'],
  ['town', '镇街'],
]
const EMPTY: Record<QueueFilter, string> = {
  open: '没有待处理的问题',
  overdue: '没有逾期的问题',
  closed: '还没有办结的问题',
  town: '没有转到镇街的问题',
}
const isFilter = (s: string | undefined): s is QueueFilter => TABS.some(([k]) => k === s)

/** The queue (?villageId=&filter=): the caller's grids' reports (the committee and the town: all), most overdue first. */
export default function QueuePage() {
  return (
    <ReportsPage what='办理村民上报的问题' allow={handlesReports}>
      {(m) => <Queue membership={m} />}
    </ReportsPage>
  )
}

function Queue({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const param = usePageParam('filter')
  const [filter, setFilter] = useState<QueueFilter>(isFilter(param) ? param : 'open')
  const query = useQuery(() => getQueue(villageId, filter), [villageId, filter])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const go = (key: 'reports.map' | 'reports.figures') => void Taro.navigateTo({ url: pageUrl(key, { villageId }) })
  return (
    <>
      <View className='vh-title'>{`${membership.village.name} · 问题办理`}</View>
      <Tabs tabs={TABS} value={filter} onChange={setFilter} />
      <Async query={query} isEmpty={(d) => d.length === 0} empty={<Empty text={EMPTY[filter]} />}>
        {(d) => (
          <>
            {d.map((r) => (
              <ReportItem key={r.id} report={r} villageId={villageId} />
            ))}
          </>
        )}
      </Async>
      <Card>
        <Row label='民情地图' onClick={() => go('reports.map')} />
        <Row label='办理情况统计' onClick={() => go('reports.figures')} />
      </Card>
    </>
  )
}
