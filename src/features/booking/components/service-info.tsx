/** A service as residents read it before booking: what it is, when, for whom, what it costs, how far ahead. */
import { Text } from '@tarojs/components'
import type { ServiceSummary } from '@contract'
import { SERVICE_KIND_LABELS } from '@contract/tables'
import { Card, Tag } from '@/shared/ui'

/** 150 -> 2小时30分钟, 1440 -> 1天 */
export function minutesText(m: number): string {
  if (m === 0) return '0分钟'
  const d = Math.floor(m / 1440)
  const h = Math.floor((m % 1440) / 60)
  const min = m % 60
  return `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${min ? `${min}分钟` : ''}`
}

export function ServiceInfo({ service: s, hallName }: { service: ServiceSummary; hallName: string }) {
  return (
    <Card title={s.name} extra={s.name !== SERVICE_KIND_LABELS[s.kind] ? <Tag tone='gold'>{SERVICE_KIND_LABELS[s.kind]}</Tag> : undefined}>
      <Text className='bk-line vh-muted'>{hallName}</Text>
      {s.description && <Text className='bk-line'>{s.description}</Text>}
      {s.schedule.map((line) => (
        <Text key={line} className='bk-line'>{line}</Text>
      ))}
      {s.priceNote && <Text className='bk-line'>{`费用：${s.priceNote}`}</Text>}
      {s.eligibilityNote && <Text className='bk-line'>{`对象：${s.eligibilityNote}`}</Text>}
      <Text className='bk-line vh-muted'>{`可预约今天起${s.windowDays}天内；${s.cutoffMinutes ? `开始前${minutesText(s.cutoffMinutes)}截止预约和取消` : '开始前均可预约和取消'}`}</Text>
      {!s.active && <Tag tone='grey'>暂停预约</Tag>}
    </Card>
  )
}
