import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MembershipView, ReportSettingsView, ReportSummary } from '@contract'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { KEPT_MESSAGE, sendOrKeep } from '@/shared/api/outbox'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { Alert, Async, Button, Card, Choice, Choices, Field, Row, SwitchRow, TextField } from '@/shared/ui'
import { createReport, getNearby, getSettings, meToo } from '../../api'
import { ReportsPage } from '../../components/frame'
import { GridSvg } from '../../components/grid-svg'
import { ReportItem } from '../../components/report-item'
import { clearDraft, EMPTY_DRAFT, loadDraft, saveDraft, type ReportDraft } from '../../draft'
import { takesPart } from '@contract/tables'
import { useVillageWords } from '@/features/account/words'

/** 随手拍 (?villageId=): category, description, photos, the place, anonymity; open ones nearby offered for 同问 first; a draft kept on the phone. */
export default function ReportPage() {
  const { notResident } = useVillageWords()
  return (
    <ReportsPage what='随手拍上报问题' allow={takesPart} refused={notResident('用随手拍上报问题')}>
      {(m) => <ReportLoader membership={m} />}
    </ReportsPage>
  )
}

function ReportLoader({ membership }: { membership: MembershipView }) {
  const settings = useQuery(() => getSettings(membership.villageId), [membership.villageId])
  return <Async query={settings}>{(s) => <ReportForm villageId={membership.villageId} settings={s} />}</Async>
}

const NETWORK_LOST = '网络不通，已保存草稿，恢复后请重新提交'

/** what must be right before anything is sent */
export function checkDraft(d: ReportDraft): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!d.category) errors.category = '请选择问题类别'
  if (d.text.trim().length < 5) errors.text = d.text.trim() ? '问题描述至少5个字' : '请描述一下问题'
  if (!d.address.trim()) errors.address = process.env.TARO_ENV === 'weapp' ? '请在地图上选择或填写问题地点' : '请填写问题地点'
  return errors
}

type Outcome = { kind: 'nearby'; reports: ReportSummary[] } | { kind: 'sent'; reportId: string } | { kind: 'kept' }

function ReportForm({ villageId, settings }: { villageId: string; settings: ReportSettingsView }) {
  const { committee } = useVillageWords()
  const [restored] = useState(() => loadDraft(villageId))
  const [form, setForm] = useState<ReportDraft>(restored ?? EMPTY_DRAFT)
  const [notice, setNotice] = useState<string | null>(restored ? '已恢复您上次没有提交的内容' : null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [uploading, setUploading] = useState(false)
  const [nearby, setNearby] = useState<ReportSummary[] | null>(null)
  const [placeError, setPlaceError] = useState<string | null>(null)

  // every change is kept on the phone at once: leaving the page or losing the network loses nothing
  useEffect(() => saveDraft(villageId, form), [villageId, form])

  const set = (patch: Partial<ReportDraft>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))))
  }

  const done = (reportId: string) => {
    clearDraft(villageId)
    void Taro.redirectTo({ url: pageUrl('reports.detail', { villageId, reportId }) })
  }
  // the outbox holds it now: the form starts empty, and the person is told it will go by itself
  const kept = () => {
    clearDraft(villageId)
    setForm(EMPTY_DRAFT)
    setNearby(null)
    setNotice(`${KEPT_MESSAGE}。发送后会通知网格员，可在“我的随手拍”查看。`)
  }
  const onNetwork = (e: unknown) => (e instanceof CallError && e.code === 'NETWORK' ? NETWORK_LOST : undefined)

  const submit = useMutation(
    async (force: boolean): Promise<Outcome> => {
      if (!force) {
        // offline there is nothing nearby to offer: the report itself is kept to send
        const reports = await getNearby(villageId, form.category, form.point).catch((e: unknown) => {
          if (e instanceof CallError && e.offline) return []
          throw e
        })
        if (reports.length) return { kind: 'nearby', reports }
      }
      const input = { villageId, category: form.category, text: form.text.trim(), photos: form.photos, place: { address: form.address.trim(), point: form.point }, anonymous: form.anonymous }
      const r = await sendOrKeep(() => createReport(input), { action: 'reports.create', input, label: `随手拍「${form.category}」`, about: villageId })
      return r ? { kind: 'sent', reportId: r.id } : { kind: 'kept' }
    },
    {
      success: (o) => (o.kind === 'sent' ? '已上报' : undefined),
      onSuccess: (o) => (o.kind === 'nearby' ? setNearby(o.reports) : o.kind === 'sent' ? done(o.reportId) : kept()),
      onError: (e) => {
        if (e instanceof CallError && e.fields) setErrors(serverErrors(e.fields))
        return onNetwork(e)
      },
    },
  )
  const metoo = useMutation((reportId: string) => meToo(villageId, reportId), { success: '已同问，会一起通知您进展', onSuccess: (r) => done(r.id), onError: onNetwork })

  function send() {
    setNotice(null)
    const local = checkDraft(form)
    setErrors(local)
    if (Object.keys(local).length) return submit.fail('请先改正标红的地方')
    void submit.run(false)
  }

  async function pickOnMap() {
    setPlaceError(null)
    const c = settings.center
    try {
      const res = await Taro.chooseLocation(c ? { latitude: c.lat, longitude: c.lng } : {})
      // GCJ-02: WeChat's chooseLocation gives (and its Map takes) GCJ-02 coordinates; they are stored as such, never converted
      set({ point: { lng: res.longitude, lat: res.latitude }, address: (res.name || res.address || form.address).slice(0, 80) })
    } catch (e) {
      const msg = String((e as { errMsg?: string } | null)?.errMsg ?? '')
      if (!msg.includes('cancel')) setPlaceError('没能打开地图，请直接填写问题地点')
    }
  }

  if (nearby) {
    return (
      <>
        <Card title='附近已有同类问题'>
          <Text className='rp-line'>下面这些还在处理中。如果说的是同一件事，点「同问」就能一起跟进、一起收到进展，不必重复上报。</Text>
        </Card>
        {nearby.map((r) => (
          <ReportItem key={r.id} report={r} villageId={villageId}>
            <Button kind='primary' loading={metoo.pending?.[0] === r.id} disabled={metoo.busy || submit.busy} onClick={() => void metoo.run(r.id)}>
              同问
            </Button>
          </ReportItem>
        ))}
        <Alert message={metoo.error ?? submit.error} />
        <Button block loading={submit.busy} disabled={metoo.busy} onClick={() => void submit.run(true)}>
          不是同一件事，仍要上报
        </Button>
        <Button kind='plain' block onClick={() => setNearby(null)}>
          返回修改
        </Button>
      </>
    )
  }

  const drawn = settings.grids.some((g) => g.area?.length)
  return (
    <>
      {notice && (
        <Card>
          <Text className='rp-line'>{notice}</Text>
          <Button
            kind='plain'
            onClick={() => {
              setForm(EMPTY_DRAFT)
              setNotice(null)
            }}
          >
            清空重填
          </Button>
        </Card>
      )}
      <Card title='问题类别'>
        <Choices label='问题类别'>
          {settings.categories.map((c) => (
            <Choice key={c.name} on={form.category === c.name} onClick={() => set({ category: c.name })}>
              <Text>{c.name}</Text>
            </Choice>
          ))}
        </Choices>
        <Alert message={errors.category} />
      </Card>
      <Card>
        <TextField label='问题描述' multiline value={form.text} maxlength={500} placeholder='说说看到了什么问题（至少5个字）' error={errors.text} onChange={(text) => set({ text })} />
        <Text className='vh-muted'>{`${form.text.length}/500`}</Text>
        <Field label='照片（最多9张）' error={errors.photos}>
          <PhotoPicker villageId={villageId} value={form.photos} onChange={(photos) => set({ photos })} onBusyChange={setUploading} />
        </Field>
      </Card>
      <Card title='问题地点'>
        {process.env.TARO_ENV === 'weapp' && (
          <Row label={form.point ? '已在地图上选定位置' : '在地图上选择位置'} onClick={() => void pickOnMap()}>
            <Text className='vh-muted'>{form.point ? '重新选择' : '选点'}</Text>
          </Row>
        )}
        <TextField label='地点' value={form.address} maxlength={80} placeholder='如：东一巷12号旁的垃圾点' error={errors.address} onChange={(address) => set({ address })} />
        <Alert message={placeError} />
        {process.env.TARO_ENV !== 'weapp' && drawn && (
          <>
            <Text className='vh-muted vh-block'>{form.point ? '已在图上标出位置，可再点一下改动' : '可在下图中点一下问题所在位置（可不选）'}</Text>
            <GridSvg grids={settings.grids} picked={form.point} onPick={(point) => set({ point })} />
            {form.point && (
              <Button kind='plain' onClick={() => set({ point: null })}>
                清除图上位置
              </Button>
            )}
          </>
        )}
      </Card>
      <Card>
        <SwitchRow label='匿名上报' checked={form.anonymous} onChange={(anonymous) => set({ anonymous })} />
        <Text className='vh-muted vh-block'>{`匿名时，除了处理问题的网格员、${committee}和镇街干部，其他人看不到您的姓名。`}</Text>
      </Card>
      <Alert message={submit.error} />
      <Button kind='primary' block loading={submit.busy} disabled={uploading} onClick={send}>
        {uploading ? '照片上传中…' : '提交'}
      </Button>
      <Text className='vh-muted vh-block'>内容会保存在手机上，没提交也不会丢。</Text>
    </>
  )
}

/** the server's field paths (place.address, photos.3) as the form's keys */
function serverErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const key = path.startsWith('place') ? 'address' : path.split('.')[0]
    out[key] ??= message
  }
  return out
}
