/** One village's figures: totals, by state and by category, time to accept and to resolve, satisfaction. */
import { Text, View } from '@tarojs/components'
import type { ReportFigures, ReportStatus } from '@contract'
import { REPORT_STATUS_LABELS } from '@contract/tables'
import { Card, Row } from '@/shared/ui'

const STATES = Object.keys(REPORT_STATUS_LABELS) as ReportStatus[]
const hours = (h: number | null) => (h === null ? '暂无' : h < 1 ? '不到1小时' : `${h.toFixed(h < 10 ? 1 : 0)}小时`)
const days = (d: number | null) => (d === null ? '暂无' : `${d.toFixed(1)}天`)

export function satisfactionText(s: ReportFigures['satisfaction']): string {
  return s.average === null ? '暂无评价' : `${s.average.toFixed(1)}星（${s.count}人评价）`
}

export function FiguresCard({ title, figures: f }: { title: string; figures: ReportFigures }) {
  return (
    <Card title={title}>
      <View className='vh-stat'>
        <View>
          <Text className='vh-stat__num'>{f.total}</Text>
          <Text>总数</Text>
        </View>
        <View>
          <Text className='vh-stat__num'>{f.open}</Text>
          <Text>未办结</Text>
        </View>
        <View>
          <Text className='vh-stat__num'>{f.overdue}</Text>
          <Text>逾期</Text>
        </View>
      </View>
      <Row label='平均受理用时'>
        <Text>{hours(f.avgAcceptHours)}</Text>
      </Row>
      <Row label='平均办结用时'>
        <Text>{days(f.avgResolveDays)}</Text>
      </Row>
      <Row label='满意度'>
        <Text>{satisfactionText(f.satisfaction)}</Text>
      </Row>
      <Row label='按状态'>
        <Text>{STATES.filter((s) => f.byStatus[s]).map((s) => `${REPORT_STATUS_LABELS[s]} ${f.byStatus[s]}`).join(' · ') || '暂无'}</Text>
      </Row>
      {f.byCategory.map((c) => (
        <Row key={c.category} label={c.category}>
          <Text>{`共${c.total} · 未办结${c.open}${c.overdue ? ` · 逾期${c.overdue}` : ''}`}</Text>
        </Row>
      ))}
    </Card>
  )
}
