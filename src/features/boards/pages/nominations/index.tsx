import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MembershipView, NominationView } from '@contract'
import { NOMINATION_STATUS_LABELS } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Empty, Field, Tag, TextField } from '@/shared/ui'
import { PhotoGrid, PhotoPicker } from '@/shared/ui/photo-picker'
import { listCouncils, listNominations, nominate, reviewNomination } from '../../api'
import { BoardsPage, isCommittee } from '../../components/gate'
import { takesPart } from '@contract/tables'
import { useVillageWords } from '@/features/account/words'

/** 推荐好人好事: any member nominates a neighbour; the 道德评议会 (or the committee) reviews the nominations below. */
export default function NominationsPage() {
  return <BoardsPage what='推荐好人好事'>{(m) => <Nominations membership={m} />}</BoardsPage>
}

function Nominations({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const mine = useQuery(() => listCouncils(villageId, membership.personId), [villageId, membership.personId])
  const { notResident } = useVillageWords(membership.village.kind)
  const reviewer = isCommittee(membership) || !!mine.data?.some((c) => c.council === 'moral' && c.members.some((p) => p.personId === membership.personId))
  return (
    <View>
      <View className='vh-title'>推荐好人好事</View>
      {takesPart(membership) ? <NominateForm villageId={villageId} /> : <Card><Text className='vh-muted'>{notResident('推荐好人好事')}</Text></Card>}
      {reviewer && <ReviewQueue villageId={villageId} />}
    </View>
  )
}

function NominateForm({ villageId }: { villageId: string }) {
  const empty = { nomineeName: '', place: '', deed: '' }
  // ?name= prefills the nominee (志愿之星's 推荐 link)
  const [form, setForm] = useState({ ...empty, nomineeName: usePageParam('name') ?? '' })
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [sent, setSent] = useState<NominationView | null>(null)
  const sending = useMutation(() => nominate({ villageId, nomineeName: form.nomineeName, place: form.place.trim() || undefined, deed: form.deed, photos }), {
    success: '推荐已提交',
    onSuccess: (n) => (setSent(n), setForm(empty), setPhotos([])),
  })
  const errors = sending.fieldErrors
  const set = (k: keyof typeof empty) => (v: string) => (setForm((f) => ({ ...f, [k]: v })), sending.clearField(k))

  function submit() {
    if (!form.nomineeName.trim()) return sending.fail('请填写被推荐人')
    if (form.deed.trim().length < 10) return sending.fail('请写明善行义举事迹，至少10个字')
    if (uploading) return sending.fail('照片还在上传，请稍候')
    void sending.run()
  }

  return (
    <Card title='推荐一位邻居上善行义举榜'>
      {sent && <Text className='bd-block' style={{ color: '#2e7d32' }}>{`已推荐 ${sent.nomineeName}，道德评议会评议后会告诉您结果。`}</Text>}
      <TextField label='被推荐人' value={form.nomineeName} placeholder='姓名' maxlength={20} error={errors.nomineeName} onChange={set('nomineeName')} />
      <TextField label='地点（可选）' value={form.place} placeholder='如：东一巷' maxlength={60} error={errors.place} onChange={set('place')} />
      <TextField label='善行义举事迹' multiline value={form.deed} placeholder='什么时候、做了什么好事，至少10个字' maxlength={1000} error={errors.deed} onChange={set('deed')} />
      <Field label='照片（可选）' error={errors.photos}>
        <PhotoPicker villageId={villageId} value={photos} onChange={setPhotos} onBusyChange={setUploading} />
      </Field>
      <Alert message={sending.error} />
      <Button kind='primary' block loading={sending.busy} onClick={submit}>
        提交推荐
      </Button>
    </Card>
  )
}

function ReviewQueue({ villageId }: { villageId: string }) {
  const query = useQuery(() => listNominations(villageId), [villageId])
  const [changed, setChanged] = useState<Record<string, NominationView>>({})
  return (
    <View>
      <Text className='vh-title bd-block'>道德评议会 · 评议推荐</Text>
      <Async query={query} isEmpty={(l) => l.length === 0} empty={<Empty text='还没有村民推荐' />}>
        {(list) => (
          <>
            {list.map((raw) => {
              const n = changed[raw._id] ?? raw
              return <NominationCard key={n._id} villageId={villageId} nomination={n} onDone={(x) => setChanged((c) => ({ ...c, [x._id]: x }))} />
            })}
          </>
        )}
      </Async>
    </View>
  )
}

function NominationCard({ villageId, nomination: n, onDone }: { villageId: string; nomination: NominationView; onDone: (n: NominationView) => void }) {
  const [reason, setReason] = useState('')
  const review = useMutation((decision: 'accept' | 'decline') => reviewNomination({ villageId, nominationId: n._id, decision, reason }), {
    success: (_, d) => (d === 'accept' ? '已入善行义举榜' : '已记录评议'),
    onSuccess: onDone,
  })
  const decide = (d: 'accept' | 'decline') => (reason.trim().length < 2 ? review.fail('请写明评议理由，至少2个字') : void review.run(d))
  return (
    <Card title={n.nomineeName} extra={<Tag tone={n.status === 'accepted' ? 'gold' : n.status === 'declined' ? 'grey' : 'red'}>{NOMINATION_STATUS_LABELS[n.status]}</Tag>}>
      <Text className='vh-muted bd-block'>{`${n.byName} 推荐 · ${formatTime(n.at)}${n.place ? ` · ${n.place}` : ''}`}</Text>
      <Text className='bd-entry__what'>{n.deed}</Text>
      <PhotoGrid ids={n.photos} urls={n.photoUrls} />
      {n.review && <Text className='bd-block'>{`评议：${n.review.reason}（${n.review.byName}）`}</Text>}
      {n.status === 'pending' && (
        <View>
          <TextField label='评议理由' multiline value={reason} placeholder='评议会的理由，会告知推荐人' maxlength={500} error={review.fieldErrors.reason} onChange={(v) => (setReason(v), review.clearField('reason'))} />
          <Alert message={review.error} />
          <View className='bd-links'>
            <Button kind='primary' loading={review.pending?.[0] === 'accept'} disabled={review.busy} onClick={() => decide('accept')}>
              入榜
            </Button>
            <Button loading={review.pending?.[0] === 'decline'} disabled={review.busy} onClick={() => decide('decline')}>
              不入选
            </Button>
          </View>
        </View>
      )}
    </Card>
  )
}
