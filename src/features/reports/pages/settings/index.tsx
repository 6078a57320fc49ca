import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MembershipView, ReportSettingsView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { Alert, Async, Button, Card, TextField } from '@/shared/ui'
import { getSettings, saveSettings } from '../../api'
import { ReportsPage } from '../../components/frame'
import { isCommittee } from '../../labels'
import { useVillageWords } from '@/features/account/words'

/** The committee (?villageId=): the categories residents choose from, each with its hours to accept and days to resolve; the days to confirm automatically. */
export default function SettingsPage() {
  const { committee } = useVillageWords()
  return (
    <ReportsPage what='设置问题类别和办理时限' allow={isCommittee} refused={`只有${committee}可以设置问题类别和办理时限`}>
      {(m) => <SettingsLoader membership={m} />}
    </ReportsPage>
  )
}

function SettingsLoader({ membership }: { membership: MembershipView }) {
  const query = useQuery(() => getSettings(membership.villageId), [membership.villageId])
  return <Async query={query}>{(s) => <SettingsForm villageId={membership.villageId} settings={s} />}</Async>
}

interface Row {
  name: string
  acceptHours: string
  resolveDays: string
}

const toRows = (s: ReportSettingsView): Row[] => s.categories.map((c) => ({ name: c.name, acceptHours: String(c.acceptHours), resolveDays: String(c.resolveDays) }))
const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/** the form's mistakes by key (`categories.0.name`, as the server names them) */
export function checkSettings(rows: Row[], autoConfirmDays: string): Record<string, string> {
  const errors: Record<string, string> = {}
  if (rows.length === 0) errors.categories = '至少保留一个类别'
  const seen = new Set<string>()
  rows.forEach((r, i) => {
    const name = r.name.trim()
    if (!name) errors[`categories.${i}.name`] = '请填写类别名称'
    else if (seen.has(name)) errors[`categories.${i}.name`] = `「${name}」重复了`
    seen.add(name)
    const h = whole(r.acceptHours)
    if (!(h >= 1 && h <= 720)) errors[`categories.${i}.acceptHours`] = '受理时限为1到720小时'
    const d = whole(r.resolveDays)
    if (!(d >= 1 && d <= 180)) errors[`categories.${i}.resolveDays`] = '办结时限为1到180天'
  })
  const a = whole(autoConfirmDays)
  if (!(a >= 1 && a <= 30)) errors.autoConfirmDays = '自动确认为1到30天'
  return errors
}

function SettingsForm({ villageId, settings }: { villageId: string; settings: ReportSettingsView }) {
  const [rows, setRows] = useState(() => toRows(settings))
  const [autoConfirm, setAutoConfirm] = useState(String(settings.autoConfirmDays))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const saving = useMutation(
    () => saveSettings({ villageId, categories: rows.map((r) => ({ name: r.name.trim(), acceptHours: whole(r.acceptHours), resolveDays: whole(r.resolveDays) })), autoConfirmDays: whole(autoConfirm) }),
    { success: '已保存', onSuccess: (s) => (setRows(toRows(s)), setErrors({})) },
  )
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const shown = { ...saving.fieldErrors, ...errors }
  function save() {
    const local = checkSettings(rows, autoConfirm)
    setErrors(local)
    if (Object.keys(local).length) return saving.fail('请先改正标红的地方')
    void saving.run()
  }
  return (
    <>
      <Card title='问题类别与办理时限'>
        <Text className='vh-muted vh-block'>村民上报时选择类别。超过受理时限未受理、超过办结时限未办结的，会上报镇街。</Text>
        {rows.map((r, i) => (
          <View key={i} className='rp-item'>
            <TextField label={`类别${i + 1}`} value={r.name} maxlength={12} placeholder='如：环境卫生' error={shown[`categories.${i}.name`]} onChange={(name) => setRow(i, { name })} />
            <TextField label='受理时限（小时）' value={r.acceptHours} maxlength={3} error={shown[`categories.${i}.acceptHours`]} onChange={(acceptHours) => setRow(i, { acceptHours })} />
            <TextField label='办结时限（天）' value={r.resolveDays} maxlength={3} error={shown[`categories.${i}.resolveDays`]} onChange={(resolveDays) => setRow(i, { resolveDays })} />
            <Button kind='plain' onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
              {`删除「${r.name || `类别${i + 1}`}」`}
            </Button>
          </View>
        ))}
        <Alert message={shown.categories} />
        {rows.length < 20 && <Button onClick={() => setRows((rs) => [...rs, { name: '', acceptHours: '24', resolveDays: '7' }])}>新增类别</Button>}
      </Card>
      <Card>
        <TextField label='办结后自动确认（天）' value={autoConfirm} maxlength={2} error={shown.autoConfirmDays} onChange={setAutoConfirm} />
        <Text className='vh-muted vh-block'>办结后上报人一直没有确认的，到期自动确认。</Text>
      </Card>
      <Alert message={saving.error} />
      <Button kind='primary' block loading={saving.busy} onClick={save}>
        保存
      </Button>
    </>
  )
}
