import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { DayListRow, DayListSlot, MembershipView } from '@contract'
import { BOOKING_STATUS_LABELS } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { CsvExportCard } from '@/shared/csv/csv-export-card'
import { usePageParam } from '@/shared/page-params'
import { askConfirm } from '@/shared/confirm'
import { ymd } from '@/shared/time'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Row, Tag } from '@/shared/ui'
import { checkIn, exportCsv, getDayList, markNoShow } from '../../api'
import { StaffPage } from '../../components/staff-page'
import { WalkIn } from '../../components/walk-in'
import { dayLabel, STATUS_TONE, timeText } from '../../labels'

/** 今日名单 (staff, ?villageId=&hallId=&date=): each slot's bookings; 签到, 标记未到, 现场登记; CSV. */
export default function DayPage() {
  return <StaffPage what='查看预约名单' read>{(m, hallId) => <Day membership={m} hallId={hallId} />}</StaffPage>
}

function Day({ membership, hallId }: { membership: MembershipView; hallId: string }) {
  const villageId = membership.villageId
  const [date, setDate] = useState(usePageParam('date') ?? ymd())
  const list = useQuery(() => getDayList(villageId, hallId, date), [villageId, hallId, date])
  /** a hall runs many services: the desk looks at one at a time, or all */
  const [service, setService] = useState<string | null>(null)
  useReloadOnShow(list)
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
        <Row label='日期'>
          <Text>{`${date === ymd() ? '今天 ' : ''}${dayLabel(date)} ▾`}</Text>
        </Row>
      </Picker>
      <Async query={list} isEmpty={(d) => d.slots.length === 0} empty={<Empty text={`${dayLabel(date)}没有安排服务`} />}>
        {(d) => (
          <>
            <View className='vh-title'>{`${d.hall.name} · ${dayLabel(d.date)}`}</View>
            <Choices label='按服务筛选'>
              {[{ id: null, name: '全部' }, ...uniqueServices(d.slots)].map((x) => (
                <Choice key={x.id ?? 'all'} on={service === x.id} onClick={() => setService(x.id)}>
                  <Text>{x.name}</Text>
                </Choice>
              ))}
            </Choices>
            {d.slots.filter((s) => !service || s.serviceId === service).map((s) => (
              <SlotCard key={s.slotId} villageId={villageId} hallId={hallId} slot={s} today={d.date === ymd()} onChanged={() => void list.reload()} />
            ))}
          </>
        )}
      </Async>
      <CsvExportCard title='导出' kinds={[{ kind: 'day', label: `导出${dayLabel(date)}名单` }]} fetch={(kind) => exportCsv(villageId, hallId, kind, date)} />
    </>
  )
}

const uniqueServices = (slots: DayListSlot[]) => [...new Map(slots.map((s) => [s.serviceId, { id: s.serviceId as string | null, name: s.serviceName }])).values()]

function SlotCard({ villageId, hallId, slot: s, today, onChanged }: { villageId: string; hallId: string; slot: DayListSlot; today: boolean; onChanged: () => void }) {
  const [walkIn, setWalkIn] = useState(false)
  const acting = useMutation(
    (what: 'checkIn' | 'noShow', r: DayListRow) => (what === 'checkIn' ? checkIn(villageId, hallId, r.bookingId) : markNoShow(villageId, r.bookingId)),
    { success: (b, what) => `${b.name}${what === 'checkIn' ? '已签到' : '已标记未到'}`, onSuccess: onChanged },
  )
  async function noShow(r: DayListRow) {
    if (await askConfirm('标记未到？', `${r.name} 记爽约一次，名额让给候补的人。`, '标记未到')) await acting.run('noShow', r)
  }
  const busy = (r: DayListRow) => acting.pending?.[1].bookingId === r.bookingId
  const waiting = s.rows.filter((r) => r.status === 'waitlisted').length
  return (
    <Card title={`${s.serviceName} ${timeText(s)}`}>
      {/* the counts on a line of their own: beside a long slot title they wrapped into a column */}
      <Text className='vh-muted vh-block'>{`已约 ${s.booked}/${s.capacity} · 签到 ${s.checkedIn}${waiting ? ` · 候补 ${waiting}` : ''}`}</Text>
      {s.rows.length === 0 && <Text className='vh-muted'>还没有人预约</Text>}
      {s.rows.map((r) => (
        <View key={r.bookingId} className='bk-slot'>
          <View className='bk-slot__head'>
            <Text className='bk-slot__time'>{r.name}</Text>
            <Tag tone={STATUS_TONE[r.status]}>{r.status === 'waitlisted' && r.position ? `候补第${r.position}位` : BOOKING_STATUS_LABELS[r.status]}</Tag>
          </View>
          <Text className='bk-line vh-muted'>
            {[r.doorplate, r.via === 'staff' ? '现场登记' : r.bookedByName !== r.name ? `${r.bookedByName}代订` : null, r.noShows ? `爽约${r.noShows}次` : null, r.note].filter(Boolean).join(' · ')}
          </Text>
          {r.status === 'booked' && (
            <View>
              {today && (
                <Button kind='primary' loading={busy(r) && acting.pending?.[0] === 'checkIn'} disabled={acting.busy} onClick={() => void acting.run('checkIn', r)}>
                  签到
                </Button>
              )}
              {s.started && (
                <Button kind='danger' loading={busy(r) && acting.pending?.[0] === 'noShow'} disabled={acting.busy} onClick={() => void noShow(r)}>
                  标记未到
                </Button>
              )}
            </View>
          )}
        </View>
      ))}
      <Alert message={acting.error} />
      {walkIn ? (
        <WalkIn villageId={villageId} slotId={s.slotId} checkIn={today} onDone={() => (setWalkIn(false), onChanged())} onCancel={() => setWalkIn(false)} />
      ) : (
        <Button onClick={() => setWalkIn(true)} disabled={s.booked >= s.capacity}>
          {s.booked >= s.capacity ? '已满' : today ? '现场登记' : '代为登记预约'}
        </Button>
      )}
    </Card>
  )
}
