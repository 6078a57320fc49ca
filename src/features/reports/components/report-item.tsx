/** A report in a list (mine, a queue, nearby, the map's list): what, where, its state and due clock; a tap opens it. */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { ReportDue, ReportSummary } from '@contract'
import { REPORT_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { formatTime } from '@/shared/time'
import { pressable, Tag } from '@/shared/ui'
import { distanceText, dueText, STATUS_TONE } from '../labels'

export function DueClock({ due }: { due: ReportDue | null }) {
  if (!due) return null
  return <Text className={`rp-due ${due.overdue ? 'rp-due--over' : ''}`}>{dueText(due)}</Text>
}

export function ReportItem({ report: r, villageId, children }: { report: ReportSummary; villageId: string; children?: ReactNode }) {
  const open = () => void Taro.navigateTo({ url: pageUrl('reports.detail', { villageId, reportId: r.id }) })
  return (
    <View className='rp-item'>
      <View className='rp-item__body' {...pressable(open)}>
        {r.thumb && <Image className='rp-item__thumb' src={r.thumb} mode='aspectFill' lazyLoad nativeProps={{ alt: '问题照片' }} />}
        <View className='rp-item__main'>
          <View className='rp-item__head'>
            <Text className='rp-item__category'>{r.category}</Text>
            {r.due?.overdue && <Tag tone='red'>已逾期</Tag>}
            <Tag tone={STATUS_TONE[r.status]}>{REPORT_STATUS_LABELS[r.status]}</Tag>
          </View>
          <Text className='rp-line'>{r.excerpt}</Text>
          <Text className='rp-line vh-muted'>
            {[r.place.address, r.level === 'town' ? '镇街办理' : r.gridName, r.distance !== null ? `相距${distanceText(r.distance)}` : null].filter(Boolean).join(' · ')}
          </Text>
          <Text className='rp-line vh-muted'>{`${formatTime(r.createdAt)}${r.metoo ? ` · ${r.metoo}人同问` : ''}`}</Text>
          <DueClock due={r.due} />
        </View>
      </View>
      {children}
    </View>
  )
}
