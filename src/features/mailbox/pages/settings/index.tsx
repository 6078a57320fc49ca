import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { MailboxSettingsView, MembershipView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, TextField } from '@/shared/ui'
import { getSettings, saveSettings } from '../../api'
import { MailboxPage } from '../../components/frame'
import { isCommittee } from '../../labels'
import { useVillageWords } from '@/features/account/words'

/** The committee (?villageId=): how many days the village gives itself to reply to a letter. */
export default function SettingsPage() {
  return (
    <MailboxPage what='设置回复期限' allow={isCommittee}>
      {(m) => <SettingsLoader membership={m} />}
    </MailboxPage>
  )
}

function SettingsLoader({ membership }: { membership: MembershipView }) {
  const query = useQuery(() => getSettings(membership.villageId), [membership.villageId])
  return <Async query={query}>{(s) => <SettingsForm villageId={membership.villageId} settings={s} />}</Async>
}

/** why the days are not acceptable, or null */
export function checkDays(s: string): string | null {
  const n = /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN
  return n >= 1 && n <= 60 ? null : '回复期限为1到60天'
}

function SettingsForm({ villageId, settings }: { villageId: string; settings: MailboxSettingsView }) {
  const { committee } = useVillageWords()
  const [days, setDays] = useState(String(settings.replyDays))
  const [saved, setSaved] = useState(settings)
  const saving = useMutation(() => saveSettings(villageId, Number(days.trim())), { success: '已保存', onSuccess: setSaved })
  const error = checkDays(days)
  return (
    <Card title='回复期限'>
      <Text className='vh-muted vh-block'>{`村民来信后，${committee}应在这些天内回复；逾期未回复的，由系统上报镇街督办。已寄出的信按寄出时的期限计算。`}</Text>
      <TextField label='回复期限（天）' value={days} maxlength={2} error={saving.fieldErrors.replyDays ?? error ?? undefined} onChange={setDays} />
      {saved.updatedByName && saved.updatedAt && <Text className='vh-muted vh-block'>{`${saved.updatedByName}于${formatTime(saved.updatedAt)}修改`}</Text>}
      <Alert message={saving.error} />
      <Button kind='primary' block loading={saving.busy} onClick={() => (error ? saving.fail(error) : void saving.run())}>
        保存
      </Button>
    </Card>
  )
}
