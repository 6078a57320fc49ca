import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { LetterAbout, MembershipView } from '@contract'
import { letterToWord } from '@contract/tables'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParams } from '@/shared/page-params'
import { Alert, Button, Card, Choice, Choices, Field, SwitchRow, TextField } from '@/shared/ui'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { getSettings, writeLetter } from '../../api'
import { MailboxPage } from '../../components/frame'
import { clearDraft, EMPTY_DRAFT, loadDraft, saveDraft, type LetterDraft } from '../../draft'
import { checkDraft } from '../../labels'
import { takesPart } from '@contract/tables'
import { useVillageWords } from '@/features/account/words'

/** 写信 (?villageId=&aboutKind=&aboutId=&aboutLabel=): another page links here about one of its items (e.g. a 财务公开 line). */
export default function WritePage() {
  const { committee, notResident } = useVillageWords()
  return (
    <MailboxPage what={`写信给${committee}`} allow={takesPart} refused={notResident('在书记信箱写信')}>
      {(m) => <WriteForm membership={m} />}
    </MailboxPage>
  )
}

const TO = ['committee', 'secretary'] as const

function WriteForm({ membership }: { membership: MembershipView }) {
  const { committee, here } = useVillageWords(membership.village.kind)
  const villageId = membership.villageId
  const params = usePageParams()
  const about: LetterAbout | null = params.aboutKind && params.aboutId && params.aboutLabel ? { kind: params.aboutKind, id: params.aboutId, label: params.aboutLabel } : null
  const settings = useQuery(() => getSettings(villageId), [villageId])
  const [restored] = useState(() => loadDraft(villageId))
  const [form, setForm] = useState<LetterDraft>(restored ?? (about ? { ...EMPTY_DRAFT, subject: `关于${about.label}`.slice(0, 40) } : EMPTY_DRAFT))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [uploading, setUploading] = useState(false)
  // every change is kept on the phone at once: leaving the page or losing the network loses nothing
  useEffect(() => saveDraft(villageId, form), [villageId, form])
  const set = (patch: Partial<LetterDraft>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))))
  }
  const submit = useMutation(
    () => writeLetter({ villageId, to: form.to, subject: form.subject.trim(), text: form.text.trim(), photos: form.photos, anonymous: form.anonymous, consent: form.consent, publicName: form.publicName, about }),
    {
      success: '已寄出',
      onSuccess: (l) => {
        clearDraft(villageId)
        void Taro.redirectTo({ url: pageUrl('mailbox.letter', { villageId, letterId: l.id }) })
      },
      onError: (e) => {
        if (e instanceof CallError && e.fields) setErrors(e.fields)
        return e instanceof CallError && e.code === 'NETWORK' ? '网络不通，信已保存在手机上，请稍后再试' : undefined
      },
    },
  )
  function send() {
    const local = checkDraft(form)
    setErrors(local)
    if (Object.keys(local).length) return submit.fail('请先改正标红的地方')
    void submit.run()
  }
  return (
    <>
      {restored && <Alert message='已恢复您上次没有寄出的信' />}
      <Card title='写给'>
        <Choices label='写给'>
          {TO.map((to) => (
            <Choice key={to} on={form.to === to} onClick={() => set({ to })}>
              <Text>{letterToWord(to, membership.village.kind)}</Text>
            </Choice>
          ))}
        </Choices>
        {settings.data && <Text className='vh-muted vh-block'>{`${committee}会在${settings.data.replyDays}天内回复，逾期未回复的会上报镇街督办。`}</Text>}
        {about && <Text className='vh-muted vh-block'>{`关于：${about.label}`}</Text>}
      </Card>
      <Card>
        <TextField label='标题' value={form.subject} maxlength={40} placeholder='一句话说清楚，如：东一巷自来水水压太低' error={errors.subject} onChange={(subject) => set({ subject })} />
        <TextField label='内容' multiline value={form.text} maxlength={1000} placeholder='想反映的情况或想问的事（至少5个字）' error={errors.text} onChange={(text) => set({ text })} />
        <Text className='vh-muted'>{`${form.text.length}/1000`}</Text>
        <Field label='照片（可不传，最多9张）' error={errors.photos}>
          <PhotoPicker villageId={villageId} value={form.photos} onChange={(photos) => set({ photos })} onBusyChange={setUploading} />
        </Field>
      </Card>
      <Card>
        <SwitchRow label='匿名来信' checked={form.anonymous} onChange={(anonymous) => set({ anonymous })} />
        <Text className='vh-muted vh-block'>{`匿名时，除了${committee}，其他人看不到您的姓名。`}</Text>
        <SwitchRow label='同意公开这封信和回复' checked={form.consent} onChange={(consent) => set({ consent })} />
        {form.consent && !form.anonymous && (
          <SwitchRow label='公开时显示我的姓名' checked={form.publicName} onChange={(publicName) => set({ publicName })} />
        )}
        <Text className='vh-muted vh-block'>{`公开后${here}的人都能看到信和回复；不同意的，只有您和${committee}能看到。寄出后也可以再改。`}</Text>
      </Card>
      <Alert message={submit.error} />
      <Button kind='primary' block loading={submit.busy} disabled={uploading} onClick={send}>
        {uploading ? '照片上传中…' : '寄出'}
      </Button>
    </>
  )
}
