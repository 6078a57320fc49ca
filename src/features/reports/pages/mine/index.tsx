import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Empty } from '@/shared/ui'
import { getMine } from '../../api'
import { ReportsPage } from '../../components/frame'
import { ReportItem } from '../../components/report-item'
import { Tabs } from '../../components/tabs'

const TABS = [
  ['reports', '我上报的'],
  ['metoo', '我同问的'],
] as const

/** 我的随手拍 (?villageId=): my reports and those I added 同问 to, with their states and due clocks. */
export default function MinePage() {
  return <ReportsPage what='查看我的随手拍'>{(m) => <Mine membership={m} />}</ReportsPage>
}

function Mine({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getMine(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const [tab, setTab] = useState<'reports' | 'metoo'>('reports')
  const report = () => void Taro.navigateTo({ url: pageUrl('reports.report', { villageId }) })
  return (
    <>
      <Tabs tabs={TABS} value={tab} counts={query.data ? { reports: query.data.reports.length, metoo: query.data.metoo.length } : undefined} onChange={setTab} />
      <Async
        query={query}
        isEmpty={(d) => d[tab].length === 0}
        empty={<Empty text={tab === 'reports' ? '还没有上报过问题。看到村里有问题，拍张照告诉网格员吧' : '还没有同问过别人上报的问题'} action={tab === 'reports' ? <Button onClick={report}>随手拍</Button> : undefined} />}
      >
        {(d) => (
          <>
            {d[tab].map((r) => (
              <ReportItem key={r.id} report={r} villageId={villageId} />
            ))}
          </>
        )}
      </Async>
      <Button kind='primary' block onClick={report}>
        随手拍 · 上报新问题
      </Button>
    </>
  )
}
