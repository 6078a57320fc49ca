import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Ballot, MyVote, Topic } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { formatTime } from '@/shared/time'
import { Button, Choice, Choices, FieldError } from '@/shared/ui'
import { castBallot } from '../api'
import { isClosed, isUpcoming } from '../labels'
import { MyBallot } from './my-ballot'
import { ProxyGrant } from './proxy-grant'
import './deliberation.scss'

type BallotTopic = Pick<Topic, '_id' | 'status' | 'kind' | 'options' | 'maxChoices' | 'mode' | 'opensAt' | 'closesAt'>

export { choiceLabels } from './my-ballot'

/** the newer of the loaded ballot and the one just cast (the reload may still be on its way) */
const newer = (a: Ballot | null, b: Ballot | null) => (!a ? b : !b ? a : b.castAt >= a.castAt ? b : a)

/**
 * Voting: big 赞成 / 反对 / 弃权 buttons (or choice rows up to maxChoices), then one confirm.
 * Shows my ballot and lets me change it until the close (改投); says plainly why I cannot vote;
 * 代投 for those who made me their proxy; and, kept secondary, authorising a proxy of my own.
 */
export function BallotForm({
  villageId,
  topic,
  me,
  myPersonId,
  onVoted,
}: {
  villageId: string
  topic: BallotTopic
  me: MyVote
  myPersonId: string | null
  onVoted: () => void
}) {
  /** null: my own ballot; else the grantorId I vote for as their proxy */
  const [voter, setVoter] = useState<string | null>(null)
  const [selected, setSelected] = useState<string[]>([])
  const [editing, setEditing] = useState(false)
  const [justCast, setJustCast] = useState<Ballot | null>(null)
  /** grantors I have voted for in this visit (the reload may still be on its way) */
  const [castFor, setCastFor] = useState<string[]>([])
  const mine = newer(me.ballot, justCast)

  const cast = useMutation(
    (choices: string[], proxyFor: { grantorId: string; grantorName: string } | null) =>
      castBallot({ villageId, topicId: topic._id, choices, ...(proxyFor ? { onBehalfOf: proxyFor.grantorId } : {}) }),
    {
      success: (_, __, proxyFor) => (proxyFor ? `已为${proxyFor.grantorName}投票` : mine ? '已改投' : '投票成功'),
      onSuccess: (ballot, _, proxyFor) => {
        if (proxyFor) {
          setCastFor((l) => [...l, proxyFor.grantorId])
          setVoter(null)
        } else {
          setJustCast(ballot)
          setEditing(false)
        }
        // the selection stays after a refusal: the person can try again or change it
        setSelected([])
        onVoted()
      },
    },
  )
  const upcoming = isUpcoming(topic)
  const closed = isClosed(topic.status)

  if (closed) {
    return mine ? <MyBallot villageId={villageId} topic={topic} ballot={mine} myPersonId={myPersonId} onObjected={onVoted} /> : <Text className='vh-muted dl-block'>投票已截止，您没有参与本次表决</Text>
  }
  if (topic.status !== 'open') return <Text className='vh-muted dl-block'>议题发布后才能投票</Text>
  if (upcoming) {
    return (
      <>
        <Text className='dl-notice'>{`投票将于 ${formatTime(topic.opensAt)} 开始，截止 ${formatTime(topic.closesAt)}`}</Text>
        {me.help && <Text className='dl-help'>{me.help}</Text>}
        {me.canVote && <ProxyGrant villageId={villageId} topicId={topic._id} myProxy={me.myProxy} onChanged={onVoted} />}
      </>
    )
  }

  const grantor = voter ? me.proxiesForMe.find((p) => p.grantorId === voter) ?? null : null
  const showForm = grantor !== null || (me.canVote && (!mine || editing))

  function pickVoter(next: string | null) {
    setVoter(next)
    setSelected(next === null && editing && mine ? mine.choices : [])
    cast.reset()
  }

  function toggle(id: string) {
    cast.reset()
    if (topic.kind === 'yesno' || topic.maxChoices <= 1) return setSelected([id])
    if (selected.includes(id)) return setSelected(selected.filter((c) => c !== id))
    if (selected.length >= topic.maxChoices) return cast.fail(`最多只能选 ${topic.maxChoices} 项`)
    setSelected([...selected, id])
  }

  function submit() {
    if (selected.length === 0) return cast.fail(topic.kind === 'yesno' ? '请先选择赞成、反对或弃权' : '请先选择')
    void cast.run(selected, grantor)
  }

  return (
    <View>
      {me.proxiesForMe.length > 0 && (
        <Choices label='为谁投票' className='dl-voters'>
          <Choice on={voter === null} onClick={() => pickVoter(null)}>
            为自己投票
          </Choice>
          {me.proxiesForMe.map((p) => (
            <Choice key={p.grantorId} on={voter === p.grantorId} onClick={() => pickVoter(p.grantorId)}>
              {`代${p.grantorName}投票${p.voted || castFor.includes(p.grantorId) ? '（已投）' : ''}`}
            </Choice>
          ))}
        </Choices>
      )}

      {grantor ? (
        <Text className='dl-notice'>
          {`${grantor.grantorName}委托您代为投票。${grantor.voted || castFor.includes(grantor.grantorId) ? '已投过，再投将改投。' : ''}代投会记录在案，并通知${grantor.grantorName}本人。`}
        </Text>
      ) : (
        <>
          {!me.canVote && <Text className='dl-notice'>{me.reason ?? '您不能对本议题投票'}</Text>}
          {me.help && <Text className='dl-help'>{me.help}</Text>}
          {mine && !editing && (
            <>
              <MyBallot villageId={villageId} topic={topic} ballot={mine} myPersonId={myPersonId} onObjected={onVoted} />
              {me.canVote && mine.source !== 'meeting' && (
                <>
                  <Button
                    block
                    onClick={() => {
                      setEditing(true)
                      setSelected(mine.choices)
                      cast.reset()
                    }}
                  >
                    改投
                  </Button>
                  <Text className='vh-muted dl-block'>{`截止（${formatTime(topic.closesAt)}）前可以改投，以最后一次为准`}</Text>
                </>
              )}
            </>
          )}
        </>
      )}

      {showForm && (
        <>
          {topic.kind === 'yesno' ? (
            <Choices label='您的表决' className='dl-yesno'>
              {topic.options.map((o) => (
                <Choice key={o.id} on={selected.includes(o.id)} className={`dl-yesno-btn dl-yesno-btn--${o.id}`} onClassName='dl-yesno-btn--on' onClick={() => toggle(o.id)}>
                  {o.label}
                </Choice>
              ))}
            </Choices>
          ) : (
            <View>
              <Text className='vh-muted dl-block'>{topic.maxChoices > 1 ? `最多可选 ${topic.maxChoices} 项，已选 ${selected.length} 项` : '请选择一项'}</Text>
              <Choices label='您的选择' kind={topic.maxChoices > 1 ? 'checkbox' : 'radio'} className=''>
                {topic.options.map((o) => {
                  const on = selected.includes(o.id)
                  return (
                    <Choice key={o.id} on={on} kind={topic.maxChoices > 1 ? 'checkbox' : 'radio'} className='dl-option' onClassName='dl-option--on' onClick={() => toggle(o.id)}>
                      <Text className='dl-option__box'>{on ? '✓' : ''}</Text>
                      <Text>{o.label}</Text>
                    </Choice>
                  )
                })}
              </Choices>
            </View>
          )}
          <Button kind='primary' block loading={cast.busy} onClick={submit}>
            {grantor ? `确认代${grantor.grantorName}投票` : editing ? '确认改投' : '确认投票'}
          </Button>
          {editing && !grantor && (
            <Button kind='plain' block onClick={() => (setEditing(false), setSelected([]), cast.reset())}>
              取消改投
            </Button>
          )}
        </>
      )}
      <FieldError message={cast.error ?? undefined} />

      {me.canVote && <ProxyGrant villageId={villageId} topicId={topic._id} myProxy={me.myProxy} onChanged={onVoted} />}
    </View>
  )
}
