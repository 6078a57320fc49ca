import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView, NoticeCategory } from '@contract'
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Choice, Choices, Empty, Row } from '@/shared/ui'
import { getNotices } from '../../api'
import { AffairsPage } from '../../components/frame'
import { NoticeItem } from '../../components/notice-item'

/** 村务公开 (?villageId=): the notices, current first and newest first, unread marked; the 小微权力清单; the committee's 发布公告. */
export default function NoticesPage() {
  return <AffairsPage what='查看村务公开'>{(m) => <Notices membership={m} />}</AffairsPage>
}

function Notices({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [category, setCategory] = useState<NoticeCategory | null>(null)
  const query = useQuery(() => getNotices(villageId, category), [villageId, category])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
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
      <Async query={query} isEmpty={(d) => d.notices.length === 0 && !d.canPublish} empty={<Empty text={category ? `还没有${NOTICE_CATEGORY_LABELS[category]}公告` : '还没有公告'} />}>
        {(d) => (
          <>
            {d.unread > 0 && <View className='vh-muted'>{`${d.unread} 条公告未读`}</View>}
            {d.notices.length === 0 && <Empty text='还没有公告' />}
            {d.notices.map((n) => (
              <NoticeItem key={n.id} notice={n} villageId={villageId} />
            ))}
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
