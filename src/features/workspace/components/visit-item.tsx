/** One 走访记录 in a list: the household (unless the list is one household's), the day, who, the note and its photos. */
import { Text } from '@tarojs/components'
import type { VisitView } from '@contract'
import { Card } from '@/shared/ui'
import { PhotoGrid } from '@/shared/ui/photo-picker'
import { shortDay } from '../labels'

export function VisitItem({ visit, showHousehold = true }: { visit: VisitView; showHousehold?: boolean }) {
  return (
    <Card title={showHousehold ? `${shortDay(visit.date)} · ${visit.doorplate}` : shortDay(visit.date)}>
      <Text className='vh-muted vh-block'>{`${visit.gridName ? `${visit.gridName} · ` : ''}走访人：${visit.visitorName}`}</Text>
      <Text className='vh-block'>{visit.note}</Text>
      {visit.photos.length > 0 && <PhotoGrid ids={visit.photos} urls={visit.photoUrls} />}
    </Card>
  )
}
