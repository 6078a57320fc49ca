import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { CsvExportCard } from '@/shared/csv/csv-export-card'
import { Async, Card, Empty } from '@/shared/ui'
import { exportCsv, getHeadcount } from '../../api'
import { StaffPage } from '../../components/staff-page'
import { nearDayLabel, timeText } from '../../labels'

/** 备餐人数 (staff, ?villageId=&hallId=): seats booked per day and canteen slot for the next 7 days, so the kitchen can plan; CSV. */
export default function HeadcountPage() {
  return <StaffPage what='查看备餐人数' read>{(m, hallId) => <Headcount membership={m} hallId={hallId} />}</StaffPage>
}

function Headcount({ membership, hallId }: { membership: MembershipView; hallId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => getHeadcount(villageId, hallId), [villageId, hallId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <Async query={query} isEmpty={(h) => h.days.length === 0} empty={<Empty text='未来7天没有用餐安排' />}>
        {(h) => (
          <>
            <View className='vh-title'>{`${h.hall.name} · 未来${h.days.length}天备餐`}</View>
            {h.days.map((d) => (
              <Card key={d.date} title={nearDayLabel(d.date)} extra={<Text className='bk-slot__time'>{d.closedReason ? '休息' : `共 ${d.total} 人`}</Text>}>
                {d.closedReason && <Text className='vh-muted'>{`休息：${d.closedReason}`}</Text>}
                {!d.closedReason && d.slots.length === 0 && <Text className='vh-muted'>当天没有安排</Text>}
                {d.slots.map((s) => (
                  <View key={`${s.serviceId}@${s.start}`} className='bk-slot__head bk-slot'>
                    <Text>{`${s.serviceName} ${timeText(s)}`}</Text>
                    <Text>{`${s.booked}/${s.capacity} 位${s.waitlist ? `，候补 ${s.waitlist}` : ''}`}</Text>
                  </View>
                ))}
              </Card>
            ))}
          </>
        )}
      </Async>
      <CsvExportCard title='导出' kinds={[{ kind: 'headcount', label: '导出未来7天备餐人数' }]} fetch={(kind) => exportCsv(villageId, hallId, kind)} />
    </>
  )
}
