/**
 * What the workspace feature adds to the 服务 tab: each serving role's way in — the grid worker's 网格员工作, the
 * town officer's 镇街工作台, and the hall staff's day (today's counts, landing on today's list).
 */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Card, ErrorState, Loading, Row } from '@/shared/ui'
import { getHallWorkspace } from './api'
import { Stats } from './components/stats'

const go = (url: string) => void Taro.navigateTo({ url })

/** 服务: the workspaces of the roles the member holds (none for a resident). */
export function WorkspaceCards({ membership }: { membership: MembershipView }) {
  const { roles, villageId } = membership
  return (
    <>
      {roles.includes('gridWorker') && (
        <Card title='网格员工作'>
          <Row label='我的网格' onClick={() => go(pageUrl('workspace.grid', { villageId }))}>
            <Text className='vh-muted'>住户、未承诺、未投票</Text>
          </Row>
          <Row label='记录走访' onClick={() => go(pageUrl('workspace.visit', { villageId }))} />
          <Row label='处理队列' onClick={() => go(pageUrl('reports.queue', { villageId }))}>
            <Text className='vh-muted'>村民上报的问题</Text>
          </Row>
        </Card>
      )}
      {roles.includes('townOfficer') && (
        <Card title='镇街工作'>
          <Row label='镇街工作台' onClick={() => go(pageUrl('workspace.town', { villageId }))}>
            <Text className='vh-muted'>各村承诺、表决、预约、上报</Text>
          </Row>
        </Card>
      )}
      {roles.includes('hallStaff') && <HallDayCard villageId={villageId} />}
    </>
  )
}

/** The hall staff's day: today's bookings by state, and today's list a tap away. */
function HallDayCard({ villageId }: { villageId: string }) {
  const day = useQuery(() => getHallWorkspace(villageId), [villageId])
  useReloadOnShow(day)
  const d = day.data
  return (
    <Card title={d ? `今日服务 · ${d.hallName}` : '今日服务'}>
      {d ? (
        <Stats
          items={[
            { label: '待签到', value: d.booked },
            { label: '已签到', value: d.checkedIn },
            { label: '未到', value: d.noShow },
            { label: '候补', value: d.waitlisted },
          ]}
        />
      ) : day.error ? (
        <ErrorState message={day.error} onRetry={() => void day.reload()} />
      ) : (
        <Loading />
      )}
      {d && (
        <Row label='今日名单' onClick={() => go(pageUrl('booking.day', { villageId, hallId: d.hallId }))}>
          <Text className='vh-muted'>签到、未到、现场登记</Text>
        </Row>
      )}
      {d && (
        <Row label='明日备餐' onClick={() => go(pageUrl('booking.headcount', { villageId, hallId: d.hallId }))}>
          <Text className='vh-muted'>{`长者饭堂 ${d.canteenTomorrow} 份`}</Text>
        </Row>
      )}
    </Card>
  )
}
