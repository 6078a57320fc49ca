import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { LetterView, MembershipView, VillageKind } from '@contract'
import { LETTER_ACTION_LABELS, LETTER_STATUS_LABELS, letterToWord } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Row, SwitchRow, Tag, TextField } from '@/shared/ui'
import { PhotoGrid, PhotoPicker } from '@/shared/ui/photo-picker'
import { acceptLetter, getLetter, publishLetter, rateLetter, replyLetter, setConsent } from '../../api'
import { MailboxPage } from '../../components/frame'
import { Stars } from '../../components/stars'
import { dueWords, STATUS_TONE, writerWords } from '../../labels'
import { useVillageWords } from '@/features/account/words'

/** One letter (?villageId=&letterId=): its states with who and when, the reply; the writer rates and consents, the committee accepts, replies and publishes. */
export default function LetterPage() {
  return <MailboxPage what='查看来信'>{(m) => <LetterLoader membership={m} />}</MailboxPage>
}

function LetterLoader({ membership }: { membership: MembershipView }) {
  const letterId = usePageParam('letterId') ?? ''
  const query = useQuery(() => getLetter(membership.villageId, letterId), [membership.villageId, letterId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  return <Async query={query}>{(l) => <Letter letter={l} kind={membership.village.kind} onChange={() => void query.reload()} />}</Async>
}

function Letter({ letter: l, kind, onChange }: { letter: LetterView; kind: VillageKind; onChange: () => void }) {
  const { committee } = useVillageWords(kind)
  const due = dueWords(l)
  return (
    <>
      <Card title={l.subject}>
        <View>
          <Tag tone={STATUS_TONE[l.status]}>{LETTER_STATUS_LABELS[l.status]}</Tag>
          {l.overdue && <Tag tone='red'>已逾期</Tag>}
          {l.escalatedAt !== null && <Tag tone='red'>已上报镇街督办</Tag>}
          {l.public && <Tag tone='grey'>已公开</Tag>}
        </View>
        <Text className='vh-muted vh-block'>
          {[`写给${letterToWord(l.to, kind)}`, writerWords(l), formatTime(l.createdAt), due].filter(Boolean).join(' · ')}
        </Text>
        {l.about && <Text className='vh-muted vh-block'>{`关于：${l.about.label}`}</Text>}
        <Text className='vh-block'>{l.text}</Text>
        {l.photos.length > 0 && <PhotoGrid ids={l.photos} urls={l.photoUrls} />}
        {l.mine && l.anonymous && <Text className='vh-muted vh-block'>{`匿名来信：除了${committee}，其他人看不到您的姓名。`}</Text>}
      </Card>
      {l.reply && (
        <Card title='回复'>
          <Text className='vh-block'>{l.reply.text}</Text>
          {l.reply.photos.length > 0 && <PhotoGrid ids={l.reply.photos} urls={l.photoUrls} />}
          <Text className='vh-muted vh-block'>{`${l.reply.byName} · ${formatTime(l.reply.at)}`}</Text>
          {l.rating !== null && (
            <>
              <Stars value={l.rating} />
              {l.ratingNote && <Text className='vh-block'>{l.ratingNote}</Text>}
            </>
          )}
        </Card>
      )}
      {l.can.rate && <RateCard letter={l} onDone={onChange} />}
      {(l.can.accept || l.can.reply) && <CommitteeCard letter={l} onDone={onChange} />}
      {(l.can.consent || l.can.publish || l.can.unpublish) && <PublicCard letter={l} onDone={onChange} />}
      <Card title='办理经过'>
        {l.history.map((e, i) => (
          <Row key={i} label={`${LETTER_ACTION_LABELS[e.action]} · ${e.byName}`}>
            <Text className='vh-muted'>{`${formatTime(e.at)}${e.note ? ` · ${e.note}` : ''}`}</Text>
          </Row>
        ))}
      </Card>
    </>
  )
}

function RateCard({ letter: l, onDone }: { letter: LetterView; onDone: () => void }) {
  const [rating, setRating] = useState(0)
  const [note, setNote] = useState('')
  const rate = useMutation(() => rateLetter(l.villageId, l.id, rating, note.trim() || null), { success: '谢谢您的评价', onSuccess: onDone })
  return (
    <Card title='对回复满意吗？'>
      <Stars value={rating} onChange={setRating} />
      <TextField label='评价（可不填）' value={note} maxlength={200} placeholder='说说您的看法' error={rate.fieldErrors.note} onChange={setNote} />
      <Alert message={rate.error} />
      <Button kind='primary' block loading={rate.busy} onClick={() => (rating ? void rate.run() : rate.fail('请先点星评分'))}>
        提交评价
      </Button>
    </Card>
  )
}

function CommitteeCard({ letter: l, onDone }: { letter: LetterView; onDone: () => void }) {
  const { committee } = useVillageWords()
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const accept = useMutation(() => acceptLetter(l.villageId, l.id, null), { success: '已受理，已告知来信人', onSuccess: onDone })
  const reply = useMutation(() => replyLetter(l.villageId, l.id, text.trim(), photos), { success: '已回复，已告知来信人', onSuccess: onDone })
  return (
    <Card title={`${committee}办理`}>
      {l.can.accept && (
        <Button block loading={accept.busy} onClick={() => void accept.run()}>
          受理
        </Button>
      )}
      <Alert message={accept.error} />
      <TextField label='回复' multiline value={text} maxlength={1000} placeholder='给来信人的答复（至少5个字）' error={reply.fieldErrors.text} onChange={setText} />
      <PhotoPicker villageId={l.villageId} value={photos} onChange={setPhotos} onBusyChange={setUploading} />
      <Alert message={reply.error} />
      <Button kind='primary' block loading={reply.busy} disabled={uploading} onClick={() => (text.trim().length < 5 ? reply.fail('回复至少5个字') : void reply.run())}>
        回复来信
      </Button>
    </Card>
  )
}

function PublicCard({ letter: l, onDone }: { letter: LetterView; onDone: () => void }) {
  const consent = useMutation((yes: boolean, name: boolean) => setConsent(l.villageId, l.id, yes, name), { success: '已保存', onSuccess: onDone })
  const publish = useMutation((yes: boolean) => publishLetter(l.villageId, l.id, yes), { success: (v) => (v.public ? '已公开' : '已取消公开'), onSuccess: onDone })
  return (
    <Card title='公开'>
      {l.can.consent && (
        <>
          <SwitchRow label='同意公开这封信和回复' checked={l.consent} disabled={consent.busy} onChange={(on) => void consent.run(on, l.publicName)} />
          {l.consent && !l.anonymous && (
            <SwitchRow label='公开时显示我的姓名' checked={l.publicName} disabled={consent.busy} onChange={(on) => void consent.run(true, on)} />
          )}
          <Alert message={consent.error} />
        </>
      )}
      {!l.mine && <Text className='vh-muted vh-block'>{l.consent ? `来信人同意公开${l.publicName ? '，并显示姓名' : '，不显示姓名'}` : '来信人没有同意公开'}</Text>}
      {l.can.publish && (
        <Button kind='primary' block loading={publish.busy} onClick={() => void publish.run(true)}>
          公开这封信和回复
        </Button>
      )}
      {l.can.unpublish && (
        <Button block loading={publish.busy} onClick={() => void publish.run(false)}>
          取消公开
        </Button>
      )}
      <Alert message={publish.error} />
    </Card>
  )
}
