/** A notice in a list: its category, title, period and whether the reader has opened it. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NoticeSummary } from '@contract'
import { NOTICE_CATEGORY_LABELS, NOTICE_STATE_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { pressable, Tag } from '@/shared/ui'

export const periodText = (n: Pick<NoticeSummary, 'from' | 'until'>) => (n.until ? `公示期 ${n.from} 至 ${n.until}` : `${n.from} 起`)

/** the unread figure as the tab bar says it: the server counts the newest 100 current notices, so 99+ beyond */
export const unreadText = (n: number) => (n > 99 ? '99+' : String(n))

export function NoticeItem({ notice: n, villageId }: { notice: NoticeSummary; villageId: string }) {
  return (
    <View className='vh-card' {...pressable(() => void Taro.navigateTo({ url: pageUrl('affairs.notice', { villageId, noticeId: n.id }) }))}>
      <View>
        <Tag tone={n.category === 'party' ? 'red' : n.category === 'finance' ? 'gold' : 'default'}>{NOTICE_CATEGORY_LABELS[n.category]}</Tag>
        {n.state !== 'current' && <Tag tone='grey'>{NOTICE_STATE_LABELS[n.state]}</Tag>}
        {!n.read && n.state === 'current' && <Tag tone='red'>未读</Tag>}
      </View>
      <View className='vh-title'>{n.title}</View>
      <Text className='vh-muted'>{`${n.excerpt}${n.excerpt.length >= 60 ? '…' : ''}`}</Text>
      <View>
        <Text className='vh-muted'>{`${periodText(n)} · ${n.reads} 人已读`}</Text>
      </View>
    </View>
  )
}
