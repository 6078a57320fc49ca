/** What the reports feature adds to the tab pages: 首页's 随手拍 and, for those who handle reports, their queue; 我的's 我的随手拍. */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl, type PageKey } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { takesPart } from '@contract/tables'
import { Card, Row, Tag } from '@/shared/ui'
import { getQueue } from './api'
import { handlesReports, isCommittee } from './labels'

const go = (key: PageKey, villageId: string) => void Taro.navigateTo({ url: pageUrl(key, { villageId }) })

/** 首页: 随手拍 for everyone; the grid worker's, committee's or town officer's open reports, 民情地图 and figures. */
export function ReportsHomeCard({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const staff = handlesReports(membership)
  const queue = useQuery(() => getQueue(villageId, 'open'), [villageId], staff)
  useReloadOnShow(queue)
  const overdue = queue.data?.filter((r) => r.due?.overdue).length ?? 0
  // hall staff neither file nor handle reports: nothing to offer them here
  if (!takesPart(membership) && !staff) return null
  return (
    <Card title='随手拍'>
      {/* filing is the residents' (the server's rule); those who serve the village handle reports instead */}
      {takesPart(membership) && (
        <Row label='上报问题' onClick={() => go('reports.report', villageId)}>
          <Text className='vh-muted'>拍照告诉网格员</Text>
        </Row>
      )}
      {staff && (
        <>
          <Row label={membership.roles.includes('gridWorker') ? '我的网格待办' : '村民上报待办'} onClick={() => go('reports.queue', villageId)}>
            {queue.data && (queue.data.length ? <Tag tone={overdue ? 'red' : 'gold'}>{`${queue.data.length} 件${overdue ? `，逾期 ${overdue}` : ''}`}</Tag> : <Text className='vh-muted'>暂无</Text>)}
          </Row>
          <Row label='民情地图' onClick={() => go('reports.map', villageId)} />
          <Row label='办理情况统计' onClick={() => go('reports.figures', villageId)}>
            {isCommittee(membership) && <Text className='vh-muted'>类别、时限、转为议题</Text>}
          </Row>
        </>
      )}
    </Card>
  )
}

/** 我的: 我的随手拍. */
export function MyReportsCard({ membership }: { membership: MembershipView | null }) {
  if (!membership) return null
  return (
    <Card>
      <Row label='我的随手拍' onClick={() => go('reports.mine', membership.villageId)}>
        <Text className='vh-muted'>上报和同问的问题</Text>
      </Row>
    </Card>
  )
}
