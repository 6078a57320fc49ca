/** What the booking feature adds to the tab pages: 服务's halls with their bookable services, 我的's 我的预约. */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Card, Empty, Row, Tag } from '@/shared/ui'
import { getMine, listHalls } from './api'
import { readsHall, servesHall } from './components/gate'
import { scheduleShort } from './labels'
import { StaffLinks } from './components/staff-links'
import { useVillageWords } from '@/features/account/words'

const go = (url: string) => void Taro.navigateTo({ url })

/** 服务: each hall of the village (address, 今日预约·签到), its services to book, and for its staff their pages. */
export function BookingHallCards({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const halls = useQuery(() => listHalls(villageId), [villageId])
  useReloadOnShow(halls)
  const { here } = useVillageWords(membership.village.kind)
  return (
    <Async query={halls} isEmpty={(hs) => hs.length === 0} empty={<Empty text={`${here}尚未登记服务中心`} />}>
      {(hs) => (
        <>
          {hs.map((h) => (
            <Card key={h.hallId} title={h.name} extra={membership.hallId === h.hallId ? <Tag tone='gold'>我在此工作</Tag> : undefined}>
              <Row label='地址'>
                <Text>{h.address}</Text>
              </Row>
              <Row label='今日预约 · 签到' onClick={() => go(pageUrl('booking.hall', { villageId, hallId: h.hallId }))} />
              {h.services.length === 0 && <Text className='vh-muted vh-block'>暂未开放预约的服务</Text>}
              {h.services.map((s) => (
                <Row key={s.id} label={s.name} onClick={() => go(pageUrl('booking.service', { villageId, serviceId: s.id }))}>
                  <Text className='vh-muted'>{scheduleShort(s)}</Text>
                </Row>
              ))}
            </Card>
          ))}
          {hs.filter((h) => readsHall(membership, h.hallId)).map((h) => (
            <StaffLinks key={h.hallId} villageId={villageId} hallId={h.hallId} hallName={h.name} readOnly={!servesHall(membership, h.hallId)} />
          ))}
        </>
      )}
    </Async>
  )
}

/** 我的: 我的预约 with how many are coming up, and 家人代订. */
export function MyBookingsCard({ membership }: { membership: MembershipView | null }) {
  const villageId = membership?.villageId ?? ''
  const mine = useQuery(() => getMine(villageId), [villageId], Boolean(membership))
  useReloadOnShow(mine)
  if (!membership) return null
  const upcoming = mine.data?.upcoming.filter((b) => b.status !== 'cancelled').length ?? 0
  return (
    <Card>
      <Row label='我的预约' onClick={() => go(pageUrl('booking.mine', { villageId }))}>
        {upcoming > 0 ? <Tag tone='red'>{`${upcoming} 个即将到来`}</Tag> : <Text className='vh-muted'>长者饭堂、服务站</Text>}
      </Row>
      <Row label='家人代订' onClick={() => go(pageUrl('booking.family', { villageId }))}>
        <Text className='vh-muted'>为家中长辈预约</Text>
      </Row>
    </Card>
  )
}
