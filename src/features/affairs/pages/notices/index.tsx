import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView, NoticeCategory } from '@contract'
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { usePages } from '@/shared/api/use-pages'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Choice, Choices, Empty, LoadMore, Row } from '@/shared/ui'
import { getNotices } from '../../api'
import { AffairsPage } from '../../components/frame'
import { NoticeItem, unreadText } from '../../components/notice-item'

/** 村务公开 (?villageId=): the notices, current first and newest first, unread marked; the 小微权力清单; the committee's 发布公告. */
export default function NoticesPage() {
  return <AffairsPage what='查看村务公开'>{(m) => <Notices membership={m} />}</AffairsPage>
}

function Notices({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [category, setCategory] = useState<NoticeCategory | null>(null)
  // a page at a time: 加载更多 reads the next (the unread figure is the first page's)
  const pages = usePages((after) => getNotices(villageId, category, after), [villageId, category], (p) => ({ items: p.notices, next: p.next }))
  useReloadOnShow(pages.first)
  usePullDownRefresh(() => void pages.first.reload().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <Row label='小微权力清单' onClick={() => void Taro.navigateTo({ url: pageUrl('affairs.duties', { villageId }) })} />
      <Choices label='按类别查看'>
        {[null, ...NOTICE_CATEGORIES].map((c) => (
          <Choice key={c ?? 'all'} on={category === c} onClick={() => setCategory(c)}>
            {c ? NOTICE_CATEGORY_LABELS[c] : '全部'}
          </Choice>
        ))}
      </Choices>
      <Async query={pages.first} isEmpty={(d) => d.notices.length === 0 && !d.canPublish} empty={<Empty text={category ? `还没有${NOTICE_CATEGORY_LABELS[category]}公告` : '还没有公告'} />}>
        {(d) => (
          <>
            {!!d.unread && <View className='vh-muted'>{`${unreadText(d.unread)} 条公告未读`}</View>}
            {pages.items.length === 0 && <Empty text='还没有公告' />}
            {pages.items.map((n) => (
              <NoticeItem key={n.id} notice={n} villageId={villageId} />
            ))}
            <LoadMore more={pages.hasMore} busy={pages.loadingMore} error={pages.moreError} onLoad={pages.loadMore} />
            {d.canPublish && (
              <Button kind='primary' block onClick={() => void Taro.navigateTo({ url: pageUrl('affairs.publish', { villageId }) })}>
                发布公告
              </Button>
            )}
          </>
        )}
      </Async>
    </>
  )
}
