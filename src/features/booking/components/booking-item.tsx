/** One booking as its person or their family see it: what, when, for whom, its state; the actions go below it. */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { BookingView } from '@contract'
import { BOOKING_STATUS_LABELS } from '@contract/tables'
import { formatTime } from '@/shared/time'
import { Card, Tag } from '@/shared/ui'
import { nearDayLabel, STATUS_TONE, timeText } from '../labels'

export function statusWords(b: Pick<BookingView, 'status' | 'position' | 'checkedInAt'>): string {
  if (b.status === 'waitlisted' && b.position) return `${BOOKING_STATUS_LABELS.waitlisted}（第${b.position}位）`
  if (b.status === 'checkedIn' && b.checkedInAt) return `${BOOKING_STATUS_LABELS.checkedIn} ${formatTime(b.checkedInAt).split(' ').pop()}`
  return BOOKING_STATUS_LABELS[b.status]
}

export function BookingItem({ booking: b, showHall, children }: { booking: BookingView; showHall?: boolean; children?: ReactNode }) {
  return (
    <Card title={b.name} extra={<Tag tone={STATUS_TONE[b.status]}>{statusWords(b)}</Tag>}>
      <Text className='bk-line'>{`${b.serviceName} · ${nearDayLabel(b.date)} ${timeText(b)}`}</Text>
      {showHall && <Text className='bk-line vh-muted'>{b.hallName}</Text>}
      {(b.via === 'staff' || b.bookedByName !== b.name) && <Text className='bk-line vh-muted'>{b.via === 'staff' ? `${b.bookedByName} 在服务中心登记` : `${b.bookedByName} 代订`}</Text>}
      {children && <View>{children}</View>}
    </Card>
  )
}
