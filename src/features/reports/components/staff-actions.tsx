/**
 * What the grid worker (or the committee, the town) may do with a report, as the server's `can` says: 受理 with
 * an expected date, 不予受理 with a reason, 转办 to another grid or to the town, 开始处理, 办结 with the result's
 * photos. One form open at a time.
 */
import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ReportStepView, ReportView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { beijing, dayText, ymd } from '@/shared/time'
import { Alert, Button, Card, Choice, Choices, Field, Row, TextField } from '@/shared/ui'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { acceptReport, getSettings, rejectReport, resolveReport, startReport, transferReport } from '../api'

type Kind = 'accept' | 'reject' | 'transfer' | 'start' | 'resolve'
const BUTTONS: Array<{ kind: Kind; label: string; tone: 'primary' | 'default' | 'danger' }> = [
  { kind: 'accept', label: '受理', tone: 'primary' },
  { kind: 'start', label: '开始处理', tone: 'primary' },
  { kind: 'resolve', label: '办结', tone: 'primary' },
  { kind: 'transfer', label: '转办', tone: 'default' },
  { kind: 'reject', label: '不予受理', tone: 'danger' },
]
const SUCCESS: Record<Kind, string> = { accept: '已受理', reject: '已不予受理', transfer: '已转办', start: '已开始处理', resolve: '已办结' }

export function StaffActions({ report: r, onDone }: { report: ReportView; onDone: () => unknown }) {
  const allowed = BUTTONS.filter((b) => r.can[b.kind])
  const [open, setOpen] = useState<Kind | null>(null)
  const [date, setDate] = useState(() => ymd(r.resolveDueAt ?? beijing().add(3, 'day').valueOf()))
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [to, setTo] = useState<string | null>(null)
  const grids = useQuery(() => getSettings(r.villageId), [r.villageId], r.can.transfer)
  const v = r.villageId
  const text = note.trim()
  const act = useMutation(
    (kind: Kind): Promise<ReportStepView> => {
      switch (kind) {
        case 'accept':
          return acceptReport(v, r.id, date, text || null)
        case 'reject':
          return rejectReport(v, r.id, text)
        case 'transfer':
          return transferReport({ villageId: v, reportId: r.id, to: to === 'town' ? { kind: 'town' } : { kind: 'grid', gridId: to ?? '' }, reason: text })
        case 'start':
          return startReport(v, r.id, text || null)
        case 'resolve':
          return resolveReport(v, r.id, text, photos)
      }
    },
    {
      success: (_r, kind) => SUCCESS[kind],
      onSuccess: () => {
        setOpen(null)
        setNote('')
        setPhotos([])
        return onDone()
      },
    },
  )
  if (allowed.length === 0) return null

  function submit(kind: Kind) {
    if (kind === 'reject' && text.length < 2) return act.fail('请写明不予受理的理由')
    if (kind === 'transfer' && !to) return act.fail('请选择转办到哪里')
    if (kind === 'transfer' && text.length < 2) return act.fail('请写明转办理由')
    if (kind === 'resolve' && text.length < 2) return act.fail('请写明办理结果')
    if (kind === 'resolve' && photos.length === 0) return act.fail('请上传办结后的照片')
    void act.run(kind)
  }

  const targets = [...(grids.data?.grids ?? []).filter((g) => g.id !== r.gridId).map((g) => ({ id: g.id, name: g.name })), ...(r.level === 'town' ? [] : [{ id: 'town', name: '镇街' }])]
  return (
    <Card title='办理'>
      {!open && (
        <View>
          {allowed.map((b) => (
            <Button key={b.kind} kind={b.tone} onClick={() => (setOpen(b.kind), act.reset())}>
              {b.label}
            </Button>
          ))}
        </View>
      )}
      {open === 'accept' && (
        <>
          <Picker mode='date' value={date} start={ymd()} onChange={(e) => setDate(String(e.detail.value))}>
            <Row label='预计办结日期'>
              <Text>{`${dayText(date)} ▾`}</Text>
            </Row>
          </Picker>
          <TextField label='说明（可不填）' value={note} maxlength={200} multiline placeholder='如：已联系保洁员，明天上午清运' onChange={setNote} />
        </>
      )}
      {open === 'reject' && <TextField label='不予受理的理由' value={note} maxlength={200} multiline placeholder='如：不属于村里管理范围，已告知拨打12345' onChange={setNote} />}
      {open === 'transfer' && (
        <>
          <Field label='转办到'>
            <Choices label='转办到'>
              {targets.map((t) => (
                <Choice key={t.id} on={to === t.id} onClick={() => setTo(t.id)}>
                  <Text>{t.name}</Text>
                </Choice>
              ))}
            </Choices>
          </Field>
          <TextField label='转办理由' value={note} maxlength={200} multiline placeholder='如：地点在第三网格' onChange={setNote} />
        </>
      )}
      {open === 'start' && <TextField label='说明（可不填）' value={note} maxlength={200} multiline placeholder='如：施工队已进场' onChange={setNote} />}
      {open === 'resolve' && (
        <>
          <TextField label='办理结果' value={note} maxlength={300} multiline placeholder='如：垃圾已清运，已在路口加装提示牌' onChange={setNote} />
          <Field label='办结后的照片'>
            <PhotoPicker villageId={v} value={photos} onChange={setPhotos} onBusyChange={setUploading} />
          </Field>
        </>
      )}
      {open && (
        <>
          <Button kind={open === 'reject' ? 'danger' : 'primary'} loading={act.busy} disabled={uploading} onClick={() => submit(open)}>
            {`确认${BUTTONS.find((b) => b.kind === open)!.label}`}
          </Button>
          <Button kind='plain' disabled={act.busy} onClick={() => (setOpen(null), act.reset())}>
            取消
          </Button>
        </>
      )}
      <Alert message={act.error} />
    </Card>
  )
}
