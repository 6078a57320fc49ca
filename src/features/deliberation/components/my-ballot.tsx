import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Ballot, Topic } from '@contract'
import { BALLOT_SOURCE_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { formatTime } from '@/shared/time'
import { Button, FieldError, pressable, Tag, TextField } from '@/shared/ui'
import { objectToBallot } from '../api'
import { isClosed } from '../labels'
import './deliberation.scss'
import { useVillageWords } from '@/features/account/words'

type MyBallotTopic = Pick<Topic, '_id' | 'status' | 'options' | 'mode'>

/** 赞成、反对 for the ids of a ballot */
export function choiceLabels(topic: Pick<Topic, 'options'>, choices: string[]): string {
  return choices.map((id) => topic.options.find((o) => o.id === id)?.label ?? id).join('、')
}

function howCast(b: Ballot, myPersonId: string | null): string {
  const at = formatTime(b.castAt)
  const how = BALLOT_SOURCE_LABELS[b.source]
  if (b.source === 'meeting') return `${at} ${how}（${b.castByName} 登记）`
  if (b.source === 'proxy') return `${at} 由 ${b.castByName} ${how}`
  if (myPersonId && b.castBy !== myPersonId) return `${at} 由 ${b.castByName} 投出`
  return `${at} ${how}`
}

/**
 * My ballot: what I chose and how it was cast, its receipt (回执码) to find it on the published count,
 * and for a ballot the committee recorded at the meeting who recorded it, its corrections and my objection.
 */
export function MyBallot({
  villageId,
  topic,
  ballot,
  myPersonId,
  onObjected,
}: {
  villageId: string
  topic: MyBallotTopic
  ballot: Ballot
  myPersonId: string | null
  onObjected: () => void
}) {
  const closed = isClosed(topic.status)
  return (
    <View className='dl-mine'>
      <View>
        <Tag tone='green'>已投票</Tag>
        {ballot.changes > 0 && <Tag tone='grey'>{ballot.source === 'meeting' ? `更正过 ${ballot.changes} 次` : `改投过 ${ballot.changes} 次`}</Tag>}
      </View>
      <Text className='dl-mine__choice'>{`${topic.mode === 'household' ? '我家' : '我'}的表决：${choiceLabels(topic, ballot.choices)}`}</Text>
      <Text className='vh-muted dl-block'>{howCast(ballot, myPersonId)}</Text>
      {ballot.receipt && <Receipt topicId={topic._id} receipt={ballot.receipt} closed={closed} />}
      {ballot.source === 'meeting' && <MeetingBallot villageId={villageId} topic={topic} ballot={ballot} closed={closed} onObjected={onObjected} />}
    </View>
  )
}

const openCount = (topicId: string) => void Taro.navigateTo({ url: pageUrl('deliberation.count', { topicId }) })

/** While open: the receipt to keep; once closed: counted, with the way to the count to check it. */
export function Receipt({ topicId, receipt, closed }: { topicId: string; receipt: string; closed: boolean }) {
  if (!closed) {
    return (
      <View className='dl-receipt'>
        <Text className='dl-receipt__code' userSelect>{`回执码 ${receipt}`}</Text>
        <Text className='vh-muted dl-block'>请保存，截止后可在计票清单中核对</Text>
      </View>
    )
  }
  return (
    <View className='dl-receipt'>
      <Text className='dl-receipt__code' userSelect>{`您的选票已计入（回执码 ${receipt}）`}</Text>
      <Text className='dl-link' {...pressable(() => openCount(topicId))}>
        查看计票清单 ›
      </Text>
    </View>
  )
}

function MeetingBallot({ villageId, topic, ballot, closed, onObjected }: { villageId: string; topic: MyBallotTopic; ballot: Ballot; closed: boolean; onObjected: () => void }) {
  const { committee } = useVillageWords()
  const [writing, setWriting] = useState(false)
  const [reason, setReason] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [objected, setObjected] = useState<Ballot['objection']>(null)
  const objection = objected ?? ballot.objection ?? null
  const history = ballot.history ?? []

  const sending = useMutation((why: string) => objectToBallot(villageId, topic._id, why), {
    success: '异议已提交',
    onSuccess: (b, why) => {
      setObjected(b.objection ?? { reason: why, at: Date.now() })
      setWriting(false)
      setReason('')
      onObjected()
    },
  })

  function submit() {
    const why = reason.trim()
    if (why.length < 2) return setFieldError('请写明异议内容（至少两个字）')
    setFieldError(null)
    void sending.run(why)
  }

  return (
    <View className='dl-meeting-ballot'>
      <Text className='dl-block'>{`现场表决由${ballot.castByName}登记`}</Text>
      {history.length > 0 && (
        <View className='dl-history'>
          <Text className='dl-history__title'>更正记录</Text>
          {history.map((h, i) => (
            <Text key={i} className='vh-muted dl-block'>
              {`${formatTime(h.castAt)} ${h.castByName} 登记为「${choiceLabels(topic, h.choices)}」，后更正，理由：${h.reason}`}
            </Text>
          ))}
        </View>
      )}
      {objection ? (
        <Text className='dl-notice'>{`已提出异议：${objection.reason}`}</Text>
      ) : closed ? null : writing ? (
        <View>
          <TextField
            label='异议内容'
            value={reason}
            multiline
            maxlength={200}
            placeholder='例如：我在会上投的是反对，登记成了赞成'
            error={fieldError ?? sending.fieldErrors.reason}
            onChange={(v) => {
              setReason(v)
              setFieldError(null)
              sending.clearField('reason')
            }}
          />
          <Button kind='primary' block loading={sending.busy} onClick={submit}>
            提交异议
          </Button>
          <Button kind='plain' block disabled={sending.busy} onClick={() => (setWriting(false), setFieldError(null), sending.reset())}>
            取消
          </Button>
          <FieldError message={sending.fieldErrors.reason ? undefined : sending.error ?? undefined} />
        </View>
      ) : (
        <>
          <Text className='vh-muted dl-block'>{`如果登记与您在会上的表决不符，可以在截止前提出异议，${committee}会收到通知。`}</Text>
          <Button block onClick={() => setWriting(true)}>
            提出异议
          </Button>
        </>
      )}
    </View>
  )
}
