import { Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { BookingView, MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { askConfirm } from '@/shared/confirm'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Row } from '@/shared/ui'
import { cancelBooking, getMine } from '../../api'
import { BookingItem } from '../../components/booking-item'
import { BookingPage } from '../../components/gate'
import { nearDayLabel, timeText } from '../../labels'

/** 我的预约 (?villageId=): upcoming and past bookings of mine and those I made for family, with 取消预约. */
export default function MinePage() {
  return <BookingPage what='查看我的预约'>{(m) => <Mine membership={m} />}</BookingPage>
}

function Mine({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getMine(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const [tab, setTab] = useState<'upcoming' | 'past'>('upcoming')
  const cancelling = useMutation((b: BookingView) => cancelBooking(villageId, b.id), {
    success: (b) => (b.status === 'cancelled' ? '已取消' : undefined),
    onSuccess: () => query.reload(),
  })
  async function cancel(b: BookingView) {
    const what = `${b.name} ${nearDayLabel(b.date)} ${timeText(b)} ${b.serviceName}`
    const ok = await askConfirm(b.status === 'waitlisted' ? '退出候补？' : '取消预约？', b.status === 'waitlisted' ? `${what}，退出后不再排队。` : `${what}，取消后名额让给候补的人。`, b.status === 'waitlisted' ? '退出候补' : '取消预约')
    if (ok) await cancelling.run(b)
  }
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <>
      <Choices label='预约'>
        {(
          [
            ['upcoming', '即将到来'],
            ['past', '过往记录'],
          ] as const
        ).map(([t, label]) => (
          <Choice key={t} on={tab === t} onClick={() => setTab(t)}>
            <Text>{query.data ? `${label}（${query.data[t].length}）` : label}</Text>
          </Choice>
        ))}
      </Choices>
      <Alert message={cancelling.error} />
      <Async
        query={query}
        isEmpty={(d) => d[tab].length === 0}
        empty={<Empty text={tab === 'upcoming' ? '还没有预约。到「服务」里选一项服务预约吧' : '还没有过往的预约'} action={tab === 'upcoming' ? <Button onClick={() => void Taro.switchTab({ url: pageUrl('services') })}>去预约</Button> : undefined} />}
      >
        {(d) => (
          <>
            {d[tab].map((b) => (
              <BookingItem key={b.id} booking={b} showHall>
                {b.can.cancel ? (
                  <Button kind='danger' loading={cancelling.pending?.[0].id === b.id} disabled={cancelling.busy} onClick={() => void cancel(b)}>
                    {b.status === 'waitlisted' ? '退出候补' : '取消预约'}
                  </Button>
                ) : (
                  b.can.cancelWhy && <Text className='bk-line vh-muted'>{b.can.cancelWhy}</Text>
                )}
              </BookingItem>
            ))}
          </>
        )}
      </Async>
      <Card>
        <Row label='家人代订' onClick={() => go(pageUrl('booking.family', { villageId }))}>
          <Text className='vh-muted'>为家中长辈预约</Text>
        </Row>
      </Card>
    </>
  )
}
