import { Picker, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { rulesWord } from '@contract/tables'
import { CallError } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { ymd } from '@/shared/time'
import { Alert, Async, Button, Card, Empty, Field, Row, TextField } from '@/shared/ui'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { getHouseholds, getVisits, recordVisit } from '../../api'
import { WorkspacePage } from '../../components/frame'
import { VisitItem } from '../../components/visit-item'
import { shortDay } from '../../labels'

/**
 * 记录走访 (?villageId=&householdId=): the household of my grids (tapped on 我的网格's list, where a grid's households
 * are paged: too many for a wheel), the day (today or up to a week back), what I found, a photo.
 */
export default function VisitPage() {
  return (
    <WorkspacePage what='记录走访' role='gridWorker' refused='只有网格员可以记录走访'>
      {(m) => <VisitForm membership={m} />}
    </WorkspacePage>
  )
}

/** the server takes visits of the last 7 days */
const BACK_DAYS = 7
const DAY = 86_400_000

function VisitForm({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const householdId = usePageParam('householdId') ?? ''
  // the household with who has not agreed or voted (what to bring up at the door)
  const household = useQuery(() => getHouseholds(villageId, { householdId }), [villageId, householdId], Boolean(householdId))
  const [date, setDate] = useState(ymd())
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [uploading, setUploading] = useState(false)
  const history = useQuery(() => getVisits(villageId, householdId), [villageId, householdId], Boolean(householdId))
  const clear = (field: string) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== field)))
  const save = useMutation(() => recordVisit({ villageId, householdId, date, note: note.trim(), photos }), {
    success: '已记录走访',
    onSuccess: async () => {
      setNote('')
      setPhotos([])
      await Promise.all([history.reload(), household.reload()])
    },
    onError: (e) => {
      if (e instanceof CallError && e.fields) setErrors(e.fields)
      return undefined
    },
  })
  function submit() {
    const local: Record<string, string> = {}
    if (!householdId) local.householdId = '请选择走访的住户'
    if (note.trim().length < 4) local.note = '走访情况至少4个字'
    setErrors(local)
    if (Object.keys(local).length) return save.fail('请先改正标红的地方')
    void save.run()
  }
  const chosen = household.data?.households[0] ?? null
  return (
    <>
      <Card>
        <Field label='走访的住户' error={errors.householdId ?? (householdId ? (household.error ?? undefined) : undefined)}>
          {householdId ? (
            <Row label={chosen ? `${chosen.doorplate}${chosen.headName ? ` · ${chosen.headName}` : ''}` : '正在读取住户…'} />
          ) : (
            <Row label='请到「我的网格」点选住户 ▸' onClick={() => void Taro.redirectTo({ url: pageUrl('workspace.grid', { villageId }) })} />
          )}
        </Field>
        {chosen && chosen.notAgreed.length > 0 && <Text className='vh-muted vh-block'>{`未承诺${rulesWord(membership.village.kind)}：${chosen.notAgreed.join('、')}`}</Text>}
        {chosen?.notVoted.map((t) => (
          <Text key={t.topicId} className='vh-muted vh-block'>{`未投票「${t.title}」：${t.names.join('、')}`}</Text>
        ))}
              <Field label='走访日期' error={errors.date}>
                <Picker
                  mode='date'
                  value={date}
                  start={ymd(Date.now() - BACK_DAYS * DAY)}
                  end={ymd()}
                  onChange={(e) => {
                    setDate(String(e.detail.value))
                    clear('date')
                  }}
                >
                  <Row label={`${date === ymd() ? '今天 ' : ''}${shortDay(date)} ▾`} />
                </Picker>
              </Field>
              <TextField
                label='走访情况'
                multiline
                value={note}
                maxlength={500}
                placeholder='见到了谁、反映了什么、帮着办了什么（至少4个字）'
                error={errors.note}
                onChange={(v) => {
                  setNote(v)
                  clear('note')
                }}
              />
              <Field label='照片（可不传，最多3张）' error={errors.photos}>
                <PhotoPicker villageId={villageId} value={photos} max={3} onChange={setPhotos} onBusyChange={setUploading} />
              </Field>
            </Card>
            <Alert message={save.error} />
            <Button kind='primary' block loading={save.busy} disabled={uploading} onClick={submit}>
              {uploading ? '照片上传中…' : '保存走访记录'}
            </Button>
            {chosen && (
              <>
                <Text className='vh-title vh-block'>{`${chosen.doorplate}的走访记录`}</Text>
                <Async query={history} isEmpty={(vs) => vs.length === 0} empty={<Empty text='这户还没有走访记录' />}>
                  {(vs) => (
                    <>
                      {vs.map((v) => (
                        <VisitItem key={v.id} visit={v} showHousehold={false} />
                      ))}
                    </>
                  )}
                </Async>
              </>
            )}
    </>
  )
}
