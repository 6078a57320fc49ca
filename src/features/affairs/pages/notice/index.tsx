import { Button as TaroButton, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView } from '@contract'
import { NOTICE_CATEGORY_LABELS, NOTICE_STATE_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Tag, TextField } from '@/shared/ui'
import { PhotoGrid } from '@/shared/ui/photo-picker'
import { AttachmentList } from '@/shared/ui/attachments'
import { getNotice, removeNotice } from '../../api'
import { AffairsPage } from '../../components/frame'
import { periodText } from '../../components/notice-item'

/** One notice (?villageId=&noticeId=): opening it marks it read; 分享到村民群 (WeChat's share card); the committee corrects or takes it down. */
export default function NoticePage() {
  return <AffairsPage what='查看公告'>{(m) => <Notice membership={m} />}</AffairsPage>
}

function Notice({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const noticeId = usePageParam('noticeId') ?? ''
  const query = useQuery(() => getNotice(villageId, noticeId), [villageId, noticeId])
  useReloadOnShow(query)
  const n = query.data
  // the share card: the notice's title, opening this page in the village group
  useShareAppMessage(() => ({ title: n ? `【${NOTICE_CATEGORY_LABELS[n.category]}公告】${n.title}` : '村务公开', path: pageUrl('affairs.notice', { villageId, noticeId }) }))
  const [reason, setReason] = useState('')
  const [removing, setRemoving] = useState(false)
  const remove = useMutation(() => removeNotice(villageId, noticeId, reason), { success: '已撤下', onSuccess: () => Taro.navigateBack() })
  return (
    <Async query={query}>
      {(d) => (
        <>
          <Card>
            <View>
              <Tag tone={d.category === 'party' ? 'red' : d.category === 'finance' ? 'gold' : 'default'}>{NOTICE_CATEGORY_LABELS[d.category]}</Tag>
              <Tag tone={d.state === 'current' ? 'green' : 'grey'}>{NOTICE_STATE_LABELS[d.state]}</Tag>
            </View>
            <View className='vh-title'>{d.title}</View>
            <Text className='vh-muted'>{`${d.createdByName} 发布于 ${formatTime(d.createdAt)} · ${periodText(d)}`}</Text>
            <View>
              <Text selectable>{d.text}</Text>
            </View>
            {d.photos.length > 0 && <PhotoGrid ids={d.photos} urls={d.photoUrls} />}
            <AttachmentList items={d.attachments} />
            <Text className='vh-muted'>{d.residents !== null ? `已读 ${d.reads} / ${d.residents} 位村民` : `${d.reads} 人已读`}</Text>
          </Card>
          {/* WeChat's share card (useShareAppMessage above); the browser has no village group to share into */}
          <TaroButton
            openType='share'
            className='vh-btn vh-btn--default vh-btn--block'
            onClick={() => process.env.TARO_ENV === 'h5' && void Taro.showToast({ title: '请在微信中打开后分享', icon: 'none' })}
          >
            分享到村民群
          </TaroButton>
          {d.canEdit && (
            <Card title='管理'>
              <Button block onClick={() => void Taro.navigateTo({ url: pageUrl('affairs.publish', { villageId, noticeId }) })}>
                修改公告
              </Button>
              {removing ? (
                <>
                  <TextField label='撤下的理由' value={reason} maxlength={200} placeholder='如：时间改期，另行通知' error={remove.fieldErrors.reason} onChange={setReason} />
                  <Alert message={remove.error} />
                  <Button kind='danger' block loading={remove.busy} onClick={() => void remove.run()}>
                    确认撤下
                  </Button>
                </>
              ) : (
                <Button kind='danger' block onClick={() => setRemoving(true)}>
                  撤下公告
                </Button>
              )}
            </Card>
          )}
        </>
      )}
    </Async>
  )
}
