/** The committee's actions on one entry: decide its appeal (with the 道德评议会's opinion), issue a draft, withdraw. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { EntryView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { askConfirm } from '@/shared/confirm'
import { Alert, Button, Card, Choice, Choices, Field, TextField } from '@/shared/ui'
import { decideAppeal, issueEntry, withdrawEntry } from '../api'

type Props = { villageId: string; entry: EntryView; onDone: (e: EntryView) => void }

export function DecideAppeal({ villageId, entry, onDone }: Props) {
  const [decision, setDecision] = useState<'uphold' | 'reject' | null>(null)
  const [councilOpinion, setOpinion] = useState('')
  const [reply, setReply] = useState('')
  const deciding = useMutation(() => decideAppeal({ villageId, entryId: entry.id, decision: decision!, councilOpinion, reply }), { success: '已答复申诉', onSuccess: onDone })
  const errors = deciding.fieldErrors

  async function submit() {
    if (!decision) return deciding.fail('请选择支持或驳回申诉')
    const what = decision === 'uphold' ? '支持申诉后本条撤销，不会公示。' : '驳回申诉后本条立即公示，答复会告知申诉人。'
    if (!(await askConfirm(decision === 'uphold' ? '支持申诉？' : '驳回申诉？', what, '确定'))) return
    await deciding.run()
  }

  return (
    <Card title='答复申诉'>
      <Field label='决定' error={errors.decision}>
        <Choices label='决定'>
          {(
            [
              ['uphold', '支持申诉（撤销）'],
              ['reject', '驳回申诉（公示）'],
            ] as const
          ).map(([d, label]) => (
            <Choice key={d} on={decision === d} onClick={() => (setDecision(d), deciding.reset())}>
              <Text>{label}</Text>
            </Choice>
          ))}
        </Choices>
      </Field>
      <TextField label='道德评议会意见' multiline value={councilOpinion} placeholder='评议会的意见，至少2个字' maxlength={500} error={errors.councilOpinion} onChange={(v) => (setOpinion(v), deciding.clearField('councilOpinion'))} />
      <TextField label='答复申诉人' multiline value={reply} placeholder='告诉申诉人为什么这样决定' maxlength={500} error={errors.reply} onChange={(v) => (setReply(v), deciding.clearField('reply'))} />
      <Alert message={deciding.error} />
      <Button kind='primary' block loading={deciding.busy} onClick={() => void submit()}>
        提交答复
      </Button>
    </Card>
  )
}

export function ManageEntry({ villageId, entry, onDone }: Props) {
  const [reason, setReason] = useState('')
  const [withdrawing, setWithdrawing] = useState(false)
  const withdraw = useMutation(() => withdrawEntry(villageId, entry.id, reason), { success: '已撤销', onSuccess: (e) => (setWithdrawing(false), onDone(e)) })
  const issue = useMutation(() => issueEntry(villageId, entry.id), { success: entry.board === 'black' ? '已告知当事户' : '已公示', onSuccess: onDone })
  const open = entry.status !== 'withdrawn' && entry.status !== 'expired'
  if (!open) return null
  return (
    <Card title='管理'>
      {entry.status === 'draft' && (
        <Button kind='primary' block loading={issue.busy} onClick={() => void issue.run()}>
          {entry.board === 'black' ? '发出告知' : '公示'}
        </Button>
      )}
      <Alert message={issue.error} />
      {withdrawing ? (
        <View>
          <TextField label='撤销理由' value={reason} placeholder='写明为什么撤销，至少2个字' maxlength={200} error={withdraw.fieldErrors.reason} onChange={(v) => (setReason(v), withdraw.clearField('reason'))} />
          <Alert message={withdraw.error} />
          <Button kind='danger' block loading={withdraw.busy} onClick={() => void withdraw.run()}>
            确认撤销
          </Button>
        </View>
      ) : (
        <Button kind='plain' block onClick={() => setWithdrawing(true)}>
          撤销本条
        </Button>
      )}
    </Card>
  )
}
