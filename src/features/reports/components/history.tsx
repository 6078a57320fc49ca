/** A report's history, oldest first: what was done, by whom in which role, when, what they said and the photos. */
import { Text, View } from '@tarojs/components'
import type { ReportEvent } from '@contract'
import { REPORT_ACTION_LABELS } from '@contract/tables'
import { formatTime } from '@/shared/time'
import { Card } from '@/shared/ui'
import { PhotoGrid } from '@/shared/ui/photo-picker'

export function History({ events, urls }: { events: ReportEvent[]; urls: Record<string, string> }) {
  return (
    <Card title='办理经过'>
      {events.map((e, i) => (
        <View key={`${e.at}:${i}`} className='rp-event'>
          <View className='rp-event__dot' />
          <Text className='rp-event__title'>{REPORT_ACTION_LABELS[e.action]}</Text>
          <Text className='rp-line vh-muted'>{`${e.byName}${e.role && e.role !== e.byName ? `（${e.role}）` : ''} · ${formatTime(e.at)}`}</Text>
          {e.note && <Text className='rp-line'>{e.note}</Text>}
          <PhotoGrid ids={e.photos} urls={urls} />
        </View>
      ))}
    </Card>
  )
}
