/** One board entry as a card: where (its title), who is responsible, what, the photos, the clause it concerns, the reward and points. */
import { Text, View } from '@tarojs/components'
import type { EntryView, Responsible } from '@contract'
import { BOARD_LABELS, ENTRY_STATUS_LABELS } from '@contract/tables'
import { PhotoGrid } from '@/shared/ui/photo-picker'
import { formatTime } from '@/shared/time'
import { Card, pressable, Tag } from '@/shared/ui'
import { BOARD_TONE } from '../labels'

/** 林水生户（新山村东一巷12号） / 陈** / 东一巷 · 保洁责任人 黄伟明 — the name exactly as the server sent it (masked or not) */
export function responsibleText(r: Responsible): string {
  if (r.kind === 'section') return `${r.section ?? ''} · 保洁责任人 ${r.name}`
  const who = r.kind === 'household' ? `${r.name}户` : r.name
  return r.doorplate ? `${who}（${r.doorplate}）` : who
}

export function EntryBody({ entry: e }: { entry: EntryView }) {
  return (
    <View className='bd-entry'>
      <Text className='bd-entry__line'>{`${e.board === 'red' || e.board === 'good' ? '对象' : '责任方'}：${responsibleText(e.responsible)}`}</Text>
      {e.nameShownReason && <Text className='bd-entry__line vh-muted'>{`实名公示理由：${e.nameShownReason}`}</Text>}
      <Text className='bd-entry__what'>{e.what}</Text>
      <PhotoGrid ids={e.photos} urls={e.photoUrls} />
      {e.clause && <Text className='bd-entry__clause'>{`依据：村规民约第${e.clause.version}版 ${e.clause.label}　${e.clause.text}`}</Text>}
      {e.board === 'red' && e.reward && <Text className='bd-entry__reward'>{`奖励：${e.reward}`}</Text>}
    </View>
  )
}

/** a red entry's points for its road section, as a tag beside the board's */
export function Points({ entry: e }: { entry: EntryView }) {
  return e.board === 'red' && e.points ? <Tag tone='gold'>{`+${e.points} 分`}</Tag> : null
}

/** the card on a board or a list; `showStatus` for lists that mix states (我家的公示, 榜单管理) */
export function EntryCard({ entry: e, showStatus, onOpen }: { entry: EntryView; showStatus?: boolean; onOpen?: () => void }) {
  const title = (
    <Text {...pressable(onOpen)}>
      {e.place}
      {onOpen ? ' ›' : ''}
    </Text>
  )
  return (
    <Card
      title={title}
      extra={
        <View>
          <Tag tone={BOARD_TONE[e.board]}>{BOARD_LABELS[e.board]}</Tag>
          <Points entry={e} />
          {showStatus && <Tag tone={e.status === 'published' ? 'green' : e.status === 'notice' || e.status === 'appealed' ? 'red' : 'grey'}>{ENTRY_STATUS_LABELS[e.status]}</Tag>}
        </View>
      }
    >
      <EntryBody entry={e} />
      <Text className='vh-muted bd-entry__meta'>
        {e.publishedAt ? `${formatTime(e.publishedAt)} 公示` : `${formatTime(e.createdAt)} 登记`}
        {e.status === 'notice' && e.noticeUntil ? ` · 告知期至 ${formatTime(e.noticeUntil)}` : ''}
      </Text>
    </Card>
  )
}
