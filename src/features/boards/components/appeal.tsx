/** 申诉: the named household's form during the notice period, and the appeal as both sides see it afterwards. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { EntryView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { Alert, Button, Card, Field, TextField } from '@/shared/ui'
import { PhotoGrid, PhotoPicker } from '@/shared/ui/photo-picker'
import { appealEntry } from '../api'
import { useVillageWords } from '@/features/account/words'

export function AppealForm({ villageId, entry, onDone }: { villageId: string; entry: EntryView; onDone: (e: EntryView) => void }) {
  const { committee } = useVillageWords()
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const appeal = useMutation(() => appealEntry(villageId, entry.id, text, photos), { success: '申诉已提交', onSuccess: onDone })

  async function submit() {
    if (text.trim().length < 5) return appeal.fail('请写明申诉理由，至少5个字')
    if (uploading) return appeal.fail('照片还在上传，请稍候')
    if (!(await askConfirm('提交申诉？', `申诉提交后，${committee}听取道德评议会的意见后答复您；答复前本条不会公示。`, '提交'))) return
    await appeal.run()
  }

  return (
    <Card title='申诉'>
      {entry.noticeUntil && <Text className='vh-muted bd-block'>{`请在 ${formatTime(entry.noticeUntil)} 前提出，过期将按原样公示。`}</Text>}
      <TextField
        label='申诉理由'
        multiline
        value={text}
        placeholder='哪里与事实不符，至少5个字'
        maxlength={1000}
        error={appeal.fieldErrors.text}
        onChange={(v) => (setText(v), appeal.clearField('text'))}
      />
      <Field label='照片（可选）' error={appeal.fieldErrors.photos}>
        <PhotoPicker villageId={villageId} value={photos} onChange={setPhotos} onBusyChange={setUploading} />
      </Field>
      <Alert message={appeal.error} />
      <Button kind='primary' block loading={appeal.busy} onClick={() => void submit()}>
        提交申诉
      </Button>
    </Card>
  )
}

/** the appeal, the 道德评议会's opinion and the committee's decision and reply, once there is an appeal */
export function AppealRecord({ entry }: { entry: EntryView }) {
  const { committee } = useVillageWords()
  const a = entry.appeal
  if (!a) return null
  return (
    <Card title='申诉记录'>
      <Text className='vh-muted bd-block'>{`${a.byName} 于 ${formatTime(a.at)} 申诉`}</Text>
      <Text className='bd-entry__what'>{a.text}</Text>
      <PhotoGrid ids={a.photos} urls={entry.photoUrls} />
      {a.decision ? (
        <View>
          <Text className='bd-block' style={{ fontWeight: 600 }}>{a.decision === 'upheld' ? '申诉成立，本条已撤销' : '申诉未被采纳，本条已公示'}</Text>
          {a.councilOpinion && <Text className='bd-block'>{`道德评议会意见：${a.councilOpinion}`}</Text>}
          {a.reply && <Text className='bd-block'>{`${committee}答复：${a.reply}`}</Text>}
          {a.decidedAt && <Text className='vh-muted bd-block'>{`${a.decidedByName ?? ''} ${formatTime(a.decidedAt)}`}</Text>}
        </View>
      ) : (
        <Text className='bd-block'>{`等待${committee}答复`}</Text>
      )}
    </Card>
  )
}
