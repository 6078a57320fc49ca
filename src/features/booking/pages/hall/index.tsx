import { Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { BookingView, HallCard, MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParams } from '@/shared/page-params'
import { Alert, Async, Button, Card, Empty, ErrorState, Loading, Page, Row } from '@/shared/ui'
import { checkIn, getHall, getHallByScene } from '../../api'
import { BookingItem } from '../../components/booking-item'
import { VillageGate } from '../../components/gate'
import { StaffLinks } from '../../components/staff-links'
import { dayLabel, scheduleShort } from '../../labels'

/**
 * The hall's page, opened by scanning its poster (?scene=h%3D<hallId>) or from a link (?villageId=&hallId=):
 * the hall's name for anyone, then for its members today's bookings with 签到, the services, and the staff's links.
 */
export default function HallPageRoot() {
  const params = usePageParams()
  const scene = params.scene
  const byScene = useQuery(() => getHallByScene(scene!), [scene], Boolean(scene))
  const villageId = scene ? byScene.data?.villageId : params.villageId
  const hallId = scene ? byScene.data?.hallId : params.hallId
  return (
    <Page>
      {scene && byScene.error && <ErrorState message={byScene.error} onRetry={() => void byScene.reload()} />}
      {scene && !byScene.data && !byScene.error && <Loading text='正在识别二维码…' />}
      {byScene.data && <HallHead hall={byScene.data} />}
      {villageId && hallId ? (
        <VillageGate villageId={villageId} what='在服务中心预约和签到'>
          {(m) => <Hall membership={m} hallId={hallId} named={Boolean(byScene.data)} />}
        </VillageGate>
      ) : (
        !scene && <Empty text='没有指定服务中心，请扫服务中心的二维码' />
      )}
    </Page>
  )
}

function HallHead({ hall }: { hall: HallCard }) {
  return (
    <Card title={hall.name} extra={<Text className='vh-muted'>{hall.villageName}</Text>}>
      <Text className='vh-muted'>{hall.address}</Text>
    </Card>
  )
}

function Hall({ membership, hallId, named }: { membership: MembershipView; hallId: string; named: boolean }) {
  const villageId = membership.villageId
  const hall = useQuery(() => getHall(villageId, hallId), [villageId, hallId])
  useReloadOnShow(hall)
  usePullDownRefresh(() => void hall.reload().finally(() => Taro.stopPullDownRefresh()))
  /** the bookings checked in here, as the server answered */
  const [done, setDone] = useState<Record<string, BookingView>>({})
  const checking = useMutation((b: BookingView) => checkIn(villageId, hallId, b.id), {
    success: (b) => `${b.name} 已签到`,
    onSuccess: (b) => setDone((d) => ({ ...d, [b.id]: b })),
  })
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <Async query={hall}>
      {(h) => (
        <>
          {!named && <HallHead hall={h.hall} />}
          <Text className='vh-title vh-block'>{`今日预约 · ${dayLabel(h.today)}`}</Text>
          {h.todays.length === 0 && <Empty text='今天您和家人在这里没有预约，可以在下面预约或现场办理' />}
          {h.todays.map((raw) => {
            const b = done[raw.id] ?? raw
            return (
              <BookingItem key={b.id} booking={b}>
                {b.can.checkIn ? (
                  <Button kind='primary' block loading={checking.pending?.[0].id === b.id} disabled={checking.busy} onClick={() => void checking.run(b)}>
                    <Text className='bk-checkin'>{`签到（${b.name}）`}</Text>
                  </Button>
                ) : (
                  b.can.checkInWhy && <Text className='bk-line vh-muted'>{b.can.checkInWhy}</Text>
                )}
              </BookingItem>
            )
          })}
          <Alert message={checking.error} />
          <Card title='服务项目'>
            {h.services.length === 0 && <Text className='vh-muted'>暂未开放预约的服务</Text>}
            {h.services.map((s) => (
              <Row key={s.id} label={s.name} onClick={() => go(pageUrl('booking.service', { villageId, serviceId: s.id }))}>
                <Text className='vh-muted'>{scheduleShort(s)}</Text>
              </Row>
            ))}
            <Row label='我的预约' onClick={() => go(pageUrl('booking.mine', { villageId }))} />
          </Card>
          {h.staff && <StaffLinks villageId={villageId} hallId={hallId} />}
        </>
      )}
    </Async>
  )
}
