import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Bookable, BookingView, DayView, MembershipView, ServiceDays, SlotView } from '@contract'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { askSubscribe, type SubscribeOutcome } from '@/shared/subscribe'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Row, Tag } from '@/shared/ui'
import { book, getDays } from '../../api'
import { statusWords } from '../../components/booking-item'
import { BookingPage } from '../../components/gate'
import { ServiceInfo } from '../../components/service-info'
import { dayLabel, nearDayLabel, relativeDay, seatsText, timeText } from '../../labels'

/** 预约服务 (?villageId=&serviceId=): the service, whom to book for, the days and their slots with seats left. */
export default function ServicePage() {
  const serviceId = usePageParam('serviceId')
  return <BookingPage what='预约服务'>{(m) => (serviceId ? <Service membership={m} serviceId={serviceId} /> : <Empty text='没有指定服务' />)}</BookingPage>
}

/** a booking that holds or waits for a seat: the person is not offered the slot again */
const ACTIVE = ['booked', 'waitlisted', 'checkedIn']
/** the day to open on: the first with a slot still open, else the first */
const firstOpenDay = (days: DayView[]) => (days.find((d) => d.slots.some((s) => s.state === 'open' || s.state === 'full')) ?? days[0])?.date ?? null
/** the person to book for at first: the first who may be booked (the caller may not, e.g. for the canteen) */
const firstEligible = (bookables: Bookable[]) => (bookables.find((b) => b.eligible) ?? bookables[0])?.personId ?? null

function Service({ membership, serviceId }: { membership: MembershipView; serviceId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => getDays(villageId, serviceId), [villageId, serviceId])
  useReloadOnShow(query)
  const [done, setDone] = useState<{ booking: BookingView; subscribed: SubscribeOutcome } | null>(null)
  if (done) return <Booked villageId={villageId} done={done} onMore={() => setDone(null)} />
  return (
    <Async query={query}>
      {(d) => (
        <Days
          data={d}
          villageId={villageId}
          onBooked={async (booking) => {
            // WeChat asks only after a tap: this runs in the 预约 tap's chain; the success card offers a tap of its own too
            const subscribed = await askSubscribe('notice')
            setDone({ booking, subscribed })
            await query.reload()
          }}
        />
      )}
    </Async>
  )
}

function Days({ data, villageId, onBooked }: { data: ServiceDays; villageId: string; onBooked: (b: BookingView) => Promise<void> }) {
  const [personId, setPersonId] = useState(() => firstEligible(data.bookables))
  const [date, setDate] = useState(() => firstOpenDay(data.days))
  /** the slot a race filled between loading and booking: offer its waitlist */
  const [raced, setRaced] = useState<string | null>(null)
  const booking = useMutation((slotId: string, waitlist: boolean) => book(villageId, slotId, personId!, waitlist), {
    onSuccess: (b) => (setRaced(null), onBooked(b)),
    onError: (e, slotId) => {
      if (e instanceof CallError && e.code === 'FULL') {
        setRaced(slotId)
        return null
      }
    },
  })
  const person = data.bookables.find((b) => b.personId === personId) ?? null
  const day = data.days.find((d) => d.date === date) ?? null
  /** the caller's own booking needs staff (no-shows over the limit): no buttons for them */
  const staffOnly = person?.relation === '本人' && data.needsStaff

  return (
    <>
      <ServiceInfo service={data.service} hallName={data.hall.name} />
      <Card title='为谁预约'>
        {data.bookables.length === 0 && <Text className='vh-muted'>您没有可以预约的人：为家人预约，请先在「家人代订」中取得授权</Text>}
        <Choices label='为谁预约'>
          {data.bookables.map((b) => (
            <Choice key={b.personId} on={b.personId === personId} onClick={() => (setPersonId(b.personId), setRaced(null), booking.reset())}>
              <Text>{`${b.name}（${b.relation}）`}</Text>
            </Choice>
          ))}
        </Choices>
        {person && !person.eligible && <Alert message={person.why ?? '不符合预约条件'} />}
        {staffOnly && <Alert message={data.needsStaff} />}
        <Row label='为其他家人预约' onClick={() => void Taro.navigateTo({ url: pageUrl('booking.family', { villageId }) })}>
          <Text className='vh-muted'>家人代订</Text>
        </Row>
      </Card>
      {/* a view that scrolls by CSS, not a <scroll-view>: that one alone would add its template to every level of base.wxml */}
      <View className='bk-days' role='radiogroup' aria-label='预约哪一天'>
        {data.days.map((d) => (
          <Choice key={d.date} on={d.date === date} className={`bk-day ${d.closedReason ? 'bk-day--closed' : ''}`} onClassName='bk-day--on' onClick={() => (setDate(d.date), setRaced(null))}>
            <Text>{dayLabel(d.date).split(' ')[0]}</Text>
            <Text className='bk-day__sub'>{d.closedReason ? '休息' : relativeDay(d.date) ?? d.weekday}</Text>
          </Choice>
        ))}
      </View>
      {!day ? (
        <Empty text='近期没有可预约的日子' />
      ) : (
        <Card title={dayLabel(day.date)}>
          {day.closedReason && <Text className='vh-block'>{`当天休息：${day.closedReason}`}</Text>}
          {!day.closedReason && day.slots.length === 0 && <Text className='vh-muted'>当天没有安排</Text>}
          {day.slots.map((s) => (
            <SlotRow
              key={s.slotId}
              slot={s}
              personId={personId}
              canBook={Boolean(person?.eligible) && !staffOnly}
              raced={raced === s.slotId}
              busy={booking.busy}
              pending={booking.pending?.[0] === s.slotId}
              onBook={(waitlist) => void booking.run(s.slotId, waitlist)}
            />
          ))}
          <Alert message={booking.error} />
        </Card>
      )}
    </>
  )
}

function SlotRow({ slot: s, personId, canBook, raced, busy, pending, onBook }: { slot: SlotView; personId: string | null; canBook: boolean; raced: boolean; busy: boolean; pending: boolean; onBook: (waitlist: boolean) => void }) {
  // a booking's id is `${slotId}~${personId}` (one per person and slot)
  const theirs = s.mine.find((m) => m.bookingId === `${s.slotId}~${personId}`)
  const holds = theirs && ACTIVE.includes(theirs.status)
  const full = s.state === 'full' || raced
  return (
    <View className='bk-slot'>
      <View className='bk-slot__head'>
        <Text className='bk-slot__time'>{timeText(s)}</Text>
        <Tag tone={s.state === 'open' && !raced ? 'green' : 'grey'}>{raced ? '名额已满' : seatsText(s)}</Tag>
      </View>
      {s.mine.map((m) => (
        <Text key={m.bookingId} className='bk-line'>{`${m.name}：${statusWords({ status: m.status, position: m.position, checkedInAt: null })}`}</Text>
      ))}
      {raced && <Alert message='刚刚约满了，可以加入候补：有人取消时按顺序递补，并通知您' />}
      {canBook && !holds && (s.state === 'open' || s.state === 'full') && (
        <Button kind={full ? 'default' : 'primary'} loading={pending} disabled={busy} onClick={() => onBook(full)}>
          {full ? '加入候补' : '预约'}
        </Button>
      )}
    </View>
  )
}

function Booked({ villageId, done, onMore }: { villageId: string; done: { booking: BookingView; subscribed: SubscribeOutcome }; onMore: () => void }) {
  const { booking: b } = done
  const [subscribed, setSubscribed] = useState(done.subscribed)
  const waiting = b.status === 'waitlisted'
  return (
    <Card title={waiting ? '已加入候补' : '预约成功'}>
      <Text className='bk-line'>{`${b.name} · ${b.serviceName}`}</Text>
      <Text className='bk-line'>{`${nearDayLabel(b.date)} ${timeText(b)} · ${b.hallName}`}</Text>
      {waiting && <Text className='bk-line'>{`排在第${b.position ?? '?'}位。有人取消时按顺序递补，递补成功会通知您。`}</Text>}
      {!waiting && <Text className='bk-line vh-muted'>到时请在服务中心扫码签到（开始前30分钟起）；不能来请提前取消。</Text>}
      {subscribed === 'refused' && (
        <Button kind='plain' onClick={() => void askSubscribe('notice').then(setSubscribed)}>
          接收微信提醒（递补成功、前一天提醒）
        </Button>
      )}
      {subscribed === 'accepted' && <Text className='bk-line vh-muted'>已开启微信提醒</Text>}
      <Button kind='primary' block onClick={() => void Taro.navigateTo({ url: pageUrl('booking.mine', { villageId }) })}>
        查看我的预约
      </Button>
      <Button block onClick={onMore}>
        继续预约
      </Button>
    </Card>
  )
}
