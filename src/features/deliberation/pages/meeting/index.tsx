import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { BallotSource, MembershipView, Topic, TopicDetail, VoterPage, VoterRow as Voter } from '@contract'
import { BALLOT_SOURCE_SHORT } from '@contract/tables'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { askConfirm } from '@/shared/confirm'
import { useQuery } from '@/shared/api/use-query'
import { formatTime } from '@/shared/time'
import { Alert, LoadMore, Async, Button, Card, Choice, Choices, Empty, Page, pressable, Tag, TextField } from '@/shared/ui'
import { getTopic, listVoters, recordInPersonBallot } from '../../api'
import { CommitteeOnly } from '../../components/committee-gate'
import { Hint, modeText } from '../../components/committee-kit'
import { TopicStatusTag } from '../../components/topic-status-tag'
import { isUpcoming, MODE_UNITS } from '../../labels'
import { usePageParam } from '@/shared/page-params'
import './index.scss'

type Filter = 'all' | 'todo' | 'done'

const isOpenNow = (t: Topic) => t.status === 'open' && !isUpcoming(t)

async function load(villageId: string, topicId: string) {
  const detail = await getTopic(villageId, topicId)
  return { detail, voters: isOpenNow(detail.topic) ? await listVoters(villageId, topicId) : null }
}

/** 现场表决登记 (榕树下议事): the committee records, voter by voter, the ballots cast at the meeting. */
export default function MeetingPage() {
  const topicId = usePageParam('topicId')
  return (
    <Page className='dlb-meeting-page'>
      <CommitteeOnly what='登记现场表决'>
        {(m) => (topicId ? <Meeting membership={m} topicId={topicId} /> : <Empty text='没有指定议题，请从议题页进入' />)}
      </CommitteeOnly>
    </Page>
  )
}

function Meeting({ membership, topicId }: { membership: MembershipView; topicId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => load(villageId, topicId), [villageId, topicId])
  return (
    <Async query={query}>
      {(data) =>
        data.voters ? (
          <Register membership={membership} detail={data.detail} voters={data.voters} reload={query.reload} />
        ) : (
          <NotOpen topic={data.detail.topic} />
        )
      }
    </Async>
  )
}

function NotOpen({ topic }: { topic: Topic }) {
  const why =
    topic.status === 'draft'
      ? '议题还是草稿，发布后才能登记现场表决'
      : isUpcoming(topic)
        ? `投票在 ${formatTime(topic.opensAt)} 开始，开始后才能登记现场表决`
        : '投票已截止，不能再登记现场表决'
  return (
    <Card title={topic.title} extra={<TopicStatusTag topic={topic} />}>
      <Empty text={why} action={<Button onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.topic', { topicId: topic._id }) })}>查看议题</Button>} />
    </Card>
  )
}

/** the rows of `a`, then those of `b` not among them */
const merged = (a: Voter[], b: Voter[]) => [...a, ...b.filter((v) => !a.some((x) => x.personId === v.personId))]

function Register({ membership, detail, voters: first, reload }: { membership: MembershipView; detail: TopicDetail; voters: VoterPage; reload: () => Promise<void> }) {
  const topic = detail.topic
  const villageId = membership.villageId
  const unit = MODE_UNITS[topic.mode]
  /** recorded here (or found already voted) since the list was loaded; null: voted, how not known yet */
  const [marked, setMarked] = useState<Record<string, BallotSource | null>>({})
  const [notices, setNotices] = useState<Record<string, string>>({})
  const [search, setSearch] = useState('')
  const [filter, setFilter] = useState<Filter>('all')
  const [selected, setSelected] = useState<string | null>(null)
  // the pages after the first, asked for with 加载更多 (the roll is frozen: they stay valid while the first reloads)
  const [later, setLater] = useState<{ voters: Voter[]; next: string | null } | null>(null)
  const more = useMutation(async (after: string) => {
    const page = await listVoters(villageId, topic._id, { after })
    setLater((l) => ({ voters: [...(l?.voters ?? []), ...page.voters], next: page.next }))
  })
  // voters of the whole roll with the name or doorplate searched for, when not all of it is loaded
  const [found, setFound] = useState<{ q: string; voters: Voter[] } | null>(null)
  const lookUp = useMutation(async (q: string) => setFound({ q, voters: (await listVoters(villageId, topic._id, { q })).voters }))
  // recorded here since the figures were read: added until the reload brings the counters' own
  const [recorded, setRecorded] = useState(0)
  useEffect(() => setRecorded(0), [first])

  const next = later ? later.next : first.next
  const q = search.trim()
  const loaded = merged(first.voters, later?.voters ?? [])
  const voters = merged(found && found.q === q ? found.voters : [], loaded).map((v) =>
    v.personId in marked ? { ...v, voted: true, source: v.source ?? marked[v.personId], objection: marked[v.personId] === 'meeting' ? null : v.objection } : v,
  )
  const { eligible } = first.counts
  const voted = first.counts.voted + recorded
  const atMeeting = first.counts.meeting + recorded
  const matching = voters.filter((v) => (!q || v.name.includes(q) || (v.doorplate ?? '').includes(q)) && (filter === 'all' || (filter === 'todo') === !v.voted))

  function mark(v: Voter, source: BallotSource | null, notice?: string) {
    if (source === 'meeting' && !v.voted) setRecorded((n) => n + 1)
    setMarked((m) => ({ ...m, [v.personId]: source }))
    setNotices((n) => (notice ? { ...n, [v.personId]: notice } : n))
    setSelected(null)
    void reload()
  }

  return (
    <View>
      <Card title={topic.title} extra={<TopicStatusTag topic={topic} />}>
        <Hint>{`${modeText(topic.mode, membership.village.kind).label}：${modeText(topic.mode, membership.village.kind).hint}。截止 ${formatTime(topic.closesAt)}。`}</Hint>
        <View className='vh-stat'>
          <View>
            <Text className='vh-stat__num'>{`${voted}/${eligible}`}</Text>
            <Text className='vh-muted'>{`已投票（${unit}）`}</Text>
          </View>
          <View>
            <Text className='vh-stat__num'>{eligible - voted}</Text>
            <Text className='vh-muted'>{`未投票（${unit}）`}</Text>
          </View>
        </View>
        <Text className='dlb-meeting-count'>{`现场已登记 ${atMeeting} ${unit}`}</Text>
        <Hint>
          {topic.mode === 'household'
            ? '每户一票：只列出户代表。已在手机上投票（或已请人代投）的户不能再登记。'
            : '每人一票：已在手机上投票（或已请人代投）的不能再登记。'}
        </Hint>
      </Card>

      <Card>
        <Input className='vh-field__input dlb-meeting-search' value={search} placeholder='搜索姓名或门牌号' onInput={(e) => setSearch(e.detail.value)} />
        {q && next !== null && found?.q !== q && (
          <Button kind='plain' block loading={lookUp.busy} onClick={() => void lookUp.run(q)}>
            {`在全部 ${eligible} ${unit}中查找“${q}”（姓名或门牌号须完整）`}
          </Button>
        )}
        <Alert message={lookUp.error} />
        <Choices label='按是否投票查看' className='vh-chips dlb-meeting-filter'>
          {(
            [
              ['all', `全部 ${eligible}`],
              ['todo', `未投票 ${eligible - voted}`],
              ['done', `已投票 ${voted}`],
            ] as Array<[Filter, string]>
          ).map(([f, label]) => (
            <Choice key={f} on={filter === f} onClick={() => setFilter(f)}>
              {label}
            </Choice>
          ))}
        </Choices>
        {matching.length === 0 ? (
          <Empty text={eligible === 0 ? '没有可以投票的人' : q ? `${next !== null ? '已列出的人中' : ''}没有找到“${q}”` : filter === 'todo' ? `${next !== null ? '已列出的' : ''}都已投票` : `${next !== null ? '已列出的' : ''}还没有人投票`} />
        ) : (
          matching.map((v) => (
            <View key={v.personId}>
              <VoterRow voter={v} open={selected === v.personId} onTap={() => setSelected(selected === v.personId ? null : v.personId)} />
              <Alert message={notices[v.personId]} className='dlb-meeting-notice' />
              {selected === v.personId && canRecord(v) && (
                <RecordPanel
                  villageId={villageId}
                  topic={topic}
                  voter={v}
                  onRecorded={() => {
                    mark(v, 'meeting')
                    setSearch('')
                  }}
                  onDuplicate={(message) => mark(v, null, message)}
                  onCancel={() => setSelected(null)}
                />
              )}
            </View>
          ))
        )}
        {next !== null && (
          <>
            <Hint>{`已列出 ${loaded.length}/${eligible} ${unit}`}</Hint>
            <LoadMore more busy={more.busy} error={more.error} onLoad={() => void more.run(next)} />
          </>
        )}
      </Card>
    </View>
  )
}

/** not yet voted: record; recorded at the meeting: correct (with a reason); voted on the phone: nothing */
const canRecord = (v: Voter) => !v.voted || v.source === 'meeting'

function VoterRow({ voter: v, open, onTap }: { voter: Voter; open: boolean; onTap: () => void }) {
  return (
    <View className={`dlb-voter ${v.voted ? 'dlb-voter--voted' : ''} ${open ? 'dlb-voter--open' : ''}`} {...pressable(canRecord(v) ? onTap : undefined)}>
      <View className='dlb-voter__who'>
        <Text className='dlb-voter__name'>{v.name}</Text>
        {v.doorplate && <Text className='vh-muted'>{v.doorplate}</Text>}
        {v.objection && <Text className='dlb-voter__objection'>{`异议：${v.objection}`}</Text>}
      </View>
      {v.voted && <Tag tone={v.source === 'meeting' ? 'green' : 'grey'}>{v.source ? `已投·${BALLOT_SOURCE_SHORT[v.source]}` : '已投票'}</Tag>}
      {canRecord(v) && <Text className='dlb-voter__action'>{open ? '收起' : v.voted ? '更正 ›' : '登记 ›'}</Text>}
    </View>
  )
}

/** The choice(s) one voter made at the meeting, confirmed and recorded. */
function RecordPanel({
  villageId,
  topic,
  voter,
  onRecorded,
  onDuplicate,
  onCancel,
}: {
  villageId: string
  topic: Topic
  voter: Voter
  onRecorded: () => void
  onDuplicate: (message: string) => void
  onCancel: () => void
}) {
  const single = topic.kind === 'yesno' || topic.maxChoices <= 1
  /** already recorded at the meeting: this is a correction, which needs a reason */
  const correcting = voter.voted && voter.source === 'meeting'
  const [choices, setChoices] = useState<string[]>([])
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const recording = useMutation(
    (why: string | undefined) => recordInPersonBallot({ villageId, topicId: topic._id, voterPersonId: voter.personId, choices, ...(why ? { reason: why } : {}) }),
    {
      success: correcting ? `已更正${voter.name}` : `已登记${voter.name}`,
      onSuccess: onRecorded,
      onError: (e) => {
        if (!(e instanceof CallError && e.code === 'DUPLICATE')) return undefined
        onDuplicate(`${voter.name}：${e.message}`)
        return null
      },
    },
  )

  function toggle(id: string) {
    recording.reset()
    if (single) return setChoices([id])
    if (choices.includes(id)) return setChoices(choices.filter((c) => c !== id))
    if (choices.length >= topic.maxChoices) return recording.fail(`最多选${topic.maxChoices}项`)
    setChoices([...choices, id])
  }

  async function record() {
    const labels = topic.options.filter((o) => choices.includes(o.id)).map((o) => o.label)
    const who = voter.doorplate ? `${voter.name}（${voter.doorplate}）` : voter.name
    if (correcting) {
      const why = reason.trim()
      if (why.length < 2) return setReasonError('更正现场表决请写明理由（至少两个字）')
      const ok = await askConfirm(`更正${voter.name}的现场表决？`, `${who}：改为${labels.join('、')}。理由：${why}。原登记会留在更正记录中，并通知${voter.name}本人。`, '更正')
      if (!ok) return
      await recording.run(why)
      return
    }
    const ok = await askConfirm(`登记${voter.name}的表决？`, `${who}：${labels.join('、')}。登记后算作现场投票，${topic.mode === 'household' ? '每户' : '每人'}只有一票。`, '登记')
    if (!ok) return
    await recording.run(undefined)
  }
  const fieldError = reasonError ?? recording.fieldErrors.reason

  return (
    <View className='dlb-record'>
      <Text className='dlb-record__title'>{`${correcting ? `更正${voter.name}的现场表决：改为` : `${voter.name}的选择`}${single ? '' : `（最多选${topic.maxChoices}项）`}`}</Text>
      <Choices label={`${voter.name}的选择`} kind={single ? 'radio' : 'checkbox'}>
        {topic.options.map((o) => (
          <Choice key={o.id} on={choices.includes(o.id)} kind={single ? 'radio' : 'checkbox'} className='vh-chip dlb-record__option' onClick={() => toggle(o.id)}>
            {o.label}
          </Choice>
        ))}
      </Choices>
      {correcting && (
        <TextField
          label='更正理由'
          value={reason}
          multiline
          maxlength={200}
          placeholder='写明为什么更正，例如：登记时点错了选项'
          error={fieldError}
          onChange={(v) => {
            setReason(v)
            setReasonError(null)
            recording.clearField('reason')
          }}
        />
      )}
      <Alert message={fieldError ? null : recording.error} />
      <View className='dlb-record__actions'>
        <Button kind='primary' loading={recording.busy} disabled={choices.length === 0} onClick={() => void record()}>
          {correcting ? '确认更正' : '确认登记'}
        </Button>
        <Button disabled={recording.busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
