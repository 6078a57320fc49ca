import { Picker, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MembershipView, NoticeCategory } from '@contract'
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { ymd } from '@/shared/time'
import { Alert, Async, Button, Choice, Choices, Field, Row, TextField } from '@/shared/ui'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { AttachmentPicker, type AttachmentValue } from '@/shared/ui/attachments'
import { getNotice, publishNotice } from '../../api'
import { AffairsPage } from '../../components/frame'

/** The committee: publish a notice, or correct one (?villageId=&noticeId=). */
export default function PublishPage() {
  return (
    <AffairsPage what='发布公告' committeeOnly>
      {(m) => <Publish membership={m} />}
    </AffairsPage>
  )
}

function Publish({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const noticeId = usePageParam('noticeId') ?? null
  const old = useQuery(() => getNotice(villageId, noticeId ?? ''), [villageId, noticeId], noticeId !== null)
  const [category, setCategory] = useState<NoticeCategory>('village')
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [attachments, setAttachments] = useState<AttachmentValue[]>([])
  const [from, setFrom] = useState(ymd())
  const [until, setUntil] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const [attaching, setAttaching] = useState(false)
  useEffect(() => {
    const n = old.data
    if (!n) return
    setCategory(n.category)
    setTitle(n.title)
    setText(n.text)
    setPhotos(n.photos)
    setAttachments(n.attachments)
    setFrom(n.from)
    setUntil(n.until)
  }, [old.data])
  const save = useMutation(() => publishNotice({ villageId, noticeId, category, title, text, photos, attachments: attachments.map(({ fileId, name }) => ({ fileId, name })), from, until }), {
    success: noticeId ? '已修改' : '已发布',
    onSuccess: (n) => Taro.redirectTo({ url: pageUrl('affairs.notice', { villageId, noticeId: n.id }) }),
  })
  const form = (
    <>
      <Field label='类别'>
        <Choices label='类别'>
          {NOTICE_CATEGORIES.map((c) => (
            <Choice key={c} on={category === c} onClick={() => setCategory(c)}>
              {NOTICE_CATEGORY_LABELS[c]}
            </Choice>
          ))}
        </Choices>
      </Field>
      <TextField label='标题' value={title} maxlength={40} placeholder='如：关于12月停水的通知' error={save.fieldErrors.title} onChange={setTitle} />
      <TextField label='正文' value={text} maxlength={5000} multiline placeholder='写清楚时间、地点、要村民做什么' error={save.fieldErrors.text} onChange={setText} />
      <Field label='照片（可选）' error={save.fieldErrors.photos}>
        <PhotoPicker villageId={villageId} value={photos} onChange={setPhotos} urls={old.data?.photoUrls} onBusyChange={setUploading} />
      </Field>
      <Field label='附件（PDF，可选，每个不超过10MB）' error={save.fieldErrors.attachments}>
        <AttachmentPicker villageId={villageId} value={attachments} onChange={setAttachments} onBusyChange={setAttaching} />
      </Field>
      <Picker mode='date' value={from} onChange={(e) => setFrom(String(e.detail.value))}>
        <Row label='公示开始'>
          <Text>{`${from} ▾`}</Text>
        </Row>
      </Picker>
      <Picker mode='date' value={until ?? from} onChange={(e) => setUntil(String(e.detail.value))}>
        <Row label='公示截止'>
          <Text>{`${until ?? '长期'} ▾`}</Text>
        </Row>
      </Picker>
      {until && (
        <Button kind='plain' onClick={() => setUntil(null)}>
          改为长期公示
        </Button>
      )}
      <Alert message={save.fieldErrors.until ?? save.error} />
      <Button kind='primary' block loading={save.busy} disabled={uploading || attaching} onClick={() => void save.run()}>
        {noticeId ? '保存修改' : '发布并通知村民'}
      </Button>
    </>
  )
  return noticeId ? <Async query={old}>{() => form}</Async> : form
}
