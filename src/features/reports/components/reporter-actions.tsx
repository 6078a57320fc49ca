/** The reporter's answer once it is resolved: 确认已解决 with 1–5 stars and a note, or 没有解决 with a reason (it reopens). */
import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { ReportView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { Alert, Button, Card, TextField } from '@/shared/ui'
import { confirmReport, reopenReport } from '../api'
import { Stars } from './stars'

export function ReporterActions({ report: r, onDone }: { report: ReportView; onDone: () => unknown }) {
  const [mode, setMode] = useState<'confirm' | 'reopen' | null>(null)
  const [rating, setRating] = useState(0)
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const act = useMutation((what: 'confirm' | 'reopen') => (what === 'confirm' ? confirmReport(r.villageId, r.id, rating, note.trim() || null) : reopenReport(r.villageId, r.id, reason.trim())), {
    success: (_v, what) => (what === 'confirm' ? '感谢您的评价' : '已退回重新处理'),
    onSuccess: () => {
      setMode(null)
      return onDone()
    },
  })
  if (!r.can.confirm && !r.can.reopen) return null
  return (
    <Card title='问题解决了吗？'>
      <Text className='rp-line vh-muted'>{r.autoConfirmAt ? '请看看办理结果。没有回复的，到期会自动确认。' : '请看看办理结果。'}</Text>
      {mode !== 'reopen' && r.can.confirm && (
        <>
          <Text className='rp-line'>满意程度</Text>
          <Stars value={rating} onChange={setRating} />
          {mode === 'confirm' && <TextField label='评价（可不填）' value={note} maxlength={200} multiline placeholder='说说办得怎么样' onChange={setNote} />}
          <Button
            kind='primary'
            loading={act.pending?.[0] === 'confirm'}
            disabled={act.busy}
            onClick={() => {
              if (!rating) return act.fail('请点星星打分（1到5星）')
              if (mode !== 'confirm') return setMode('confirm')
              void act.run('confirm')
            }}
          >
            {mode === 'confirm' ? '提交评价' : '确认已解决'}
          </Button>
        </>
      )}
      {mode !== 'confirm' && r.can.reopen && (
        <>
          {mode === 'reopen' && <TextField label='哪里还没有解决' value={reason} maxlength={200} multiline placeholder='如：垃圾清走了，但第二天又有人倒' onChange={setReason} />}
          <Button
            kind='danger'
            loading={act.pending?.[0] === 'reopen'}
            disabled={act.busy}
            onClick={() => {
              if (mode !== 'reopen') return setMode('reopen')
              if (reason.trim().length < 2) return act.fail('请说说哪里还没有解决')
              void act.run('reopen')
            }}
          >
            {mode === 'reopen' ? '退回重新处理' : '没有解决'}
          </Button>
        </>
      )}
      {mode && (
        <Button kind='plain' onClick={() => (setMode(null), act.reset())}>
          取消
        </Button>
      )}
      <Alert message={act.error} />
    </Card>
  )
}
