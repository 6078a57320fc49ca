import { Input, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { MembershipView, RollChange, RollView, Topic, VotingMode } from '@contract'
import { CallError } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Page, Tag, TextField } from '@/shared/ui'
import { amendTopicRoll, getTopic, getTopicRoll } from '../../api'
import { MembersOnly } from '../../components/committee-gate'
import { Hint } from '../../components/committee-kit'
import { TopicStatusTag } from '../../components/topic-status-tag'
import { MODE_UNITS } from '../../labels'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

type Entry = RollView['entries'][number]
type Person = { key: string; name: string; doorplate: string | null }
type Change = RollChange['change']
/** the person (or household) whose amendment is being written */
type Amending = Person & { change: Change }

/** rows drawn at once; 显示更多 or a search reaches the rest */
const STEP = 150
const NO_GRID = '未分网格'
const CHANGE_WORDS: Record<Change, string> = { add: '加入', remove: '移出' }
/** reasons a committee writes most often: one tap fills the box (it can still be edited) */
const QUICK_REASONS: Record<VotingMode, Record<Change, string[]>> = {
  person: { remove: ['已迁出本村', '已去世', '重复登记'], add: ['常住本村，应参加表决', '误移出，现恢复'] },
  household: { remove: ['该户已迁出', '重复登记'], add: ['常住本村，应参加表决', '误移出，现恢复'] },
}

/** 共 11 人 / 共 8 户（户代表投票） */
const countText = (mode: VotingMode, n: number) => (mode === 'household' ? `共 ${n} 户（户代表投票）` : `共 ${n} 人`)
const matches = (p: Person, q: string) => !q || p.name.includes(q) || (p.doorplate ?? '').includes(q)

async function load(villageId: string, topicId: string) {
  const [detail, roll] = await Promise.all([getTopic(villageId, topicId), getTopicRoll(villageId, topicId)])
  return { topic: detail.topic, roll }
}

/**
 * 选民名册 (?topicId=): who may vote on the topic, as villages post it on the notice board (names and
 * doorplates by grid, never a choice), with a search. Fixed when the topic opens; while it is a draft
 * the committee takes people off or adds them, each with a reason, and sees the record of those changes.
 */
export default function RollPage() {
  const topicId = usePageParam('topicId')
  return (
    <Page className='dlb-roll-page'>
      <MembersOnly what='查看选民名册'>{(m) => (topicId ? <Roll membership={m} topicId={topicId} /> : <Empty text='没有指定议题，请从议题页进入' />)}</MembersOnly>
    </Page>
  )
}

function Roll({ membership, topicId }: { membership: MembershipView; topicId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => load(villageId, topicId), [villageId, topicId])
  useReloadOnShow(query)
  return <Async query={query}>{(data) => <RollBody villageId={villageId} topic={data.topic} roll={data.roll} reload={query.reload} />}</Async>
}

function RollBody({
  villageId,
  topic,
  roll,
  reload,
}: {
  villageId: string
  topic: Topic
  roll: RollView
  reload: () => Promise<void>
}) {
  const { committee, here } = useVillageWords()
  const [search, setSearch] = useState('')
  const [shown, setShown] = useState(STEP)
  const [amending, setAmending] = useState<Amending | null>(null)
  /** why the last change was refused when the roll had changed meanwhile (published, or changed by someone else) */
  const [notice, setNotice] = useState<string | null>(null)
  const editable = roll.addable !== null
  const unit = MODE_UNITS[roll.mode]
  const q = search.trim()
  const matching = roll.entries.filter((e) => matches(e, q))
  const addable = (roll.addable ?? []).filter((p) => matches(p, q))

  const toggle = (p: Person, change: Change) => {
    setNotice(null)
    setAmending(amending?.key === p.key && amending.change === change ? null : { ...p, change })
  }
  const panel = (p: Person, change: Change) =>
    editable && amending?.key === p.key && amending.change === change ? (
      <AmendPanel
        villageId={villageId}
        topicId={topic._id}
        mode={roll.mode}
        target={amending}
        onDone={() => {
          setAmending(null)
          // the answer is the amendments alone: the roll (the register, amended) is read again
          void reload()
        }}
        onConflict={(message) => {
          setAmending(null)
          setNotice(message)
          void reload()
        }}
        onCancel={() => setAmending(null)}
      />
    ) : null

  return (
    <View>
      <Card title={topic.title} extra={<TopicStatusTag topic={topic} />}>
        {roll.frozen ? (
          <Text className='dlb-roll-count'>{`本议题选民名册${countText(roll.mode, roll.entries.length)}`}</Text>
        ) : (
          <>
            <Text className='dlb-roll-count dlb-roll-count--draft'>草稿：发布时以此名单为准</Text>
            <Text className='dlb-roll-line'>{`目前${countText(roll.mode, roll.entries.length)}`}</Text>
          </>
        )}
        <Hint>
          {roll.frozen
            ? `名册在议题发布时${topic.publishedAt ? `（${formatTime(topic.publishedAt)}）` : ''}固定，此后加入${here}的本次不能投票。名册只列姓名和门牌，不公开任何人的选择；如有疑问，请联系${committee}。`
            : editable
              ? `名册按${here}登记生成${roll.mode === 'household' ? '，每户由户代表投票' : ''}。发布前可以移出或加入，须写明理由并留下记录；发布后名册固定，不能再修改。`
              : '发布前名册还可能调整，以发布时的名单为准。'}
        </Hint>
      </Card>

      <Card title={editable ? `名册（${roll.entries.length} ${unit}）` : undefined}>
        <Alert message={notice} />
        <Input
          className='vh-field__input dlb-roll-search'
          value={search}
          placeholder='搜索姓名或门牌号'
          onInput={(e) => {
            setSearch(e.detail.value)
            setShown(STEP)
          }}
        />
        {matching.length === 0 ? (
          <Empty text={roll.entries.length === 0 ? (editable ? '名册上还没有人，可以从下面的「可加入的人员」中加入' : '名册上还没有人') : `名册上没有找到“${q}”`} />
        ) : (
          byGrid(matching.slice(0, shown)).map(([grid, entries]) => (
            <View key={grid} className='dlb-roll-grid'>
              <View className='dlb-roll-grid__head'>
                <Text className='dlb-roll-grid__name'>{grid}</Text>
                <Text className='vh-muted'>{`${entries.length} ${unit}`}</Text>
              </View>
              {entries.map((e) => (
                <View key={e.key}>
                  <PersonRow person={e} open={amending?.key === e.key}>
                    {editable && (
                      <Button kind='danger' onClick={() => toggle(e, 'remove')}>
                        {amending?.key === e.key && amending.change === 'remove' ? '收起' : '移出'}
                      </Button>
                    )}
                  </PersonRow>
                  {panel(e, 'remove')}
                </View>
              ))}
            </View>
          ))
        )}
        {matching.length > shown && (
          <>
            <Hint>{`还有 ${matching.length - shown} ${unit}未列出，可以输入姓名或门牌号查找`}</Hint>
            <Button block onClick={() => setShown(shown + STEP)}>
              显示更多
            </Button>
          </>
        )}
      </Card>

      {roll.addable !== null && (
        <Card title='可加入的人员'>
          <Hint>
            {roll.mode === 'household'
              ? `${here}登记有户代表、但不在名册上的户。加入须写明理由。`
              : `${here}登记在册、但不在名册上的人员。加入须写明理由。`}
          </Hint>
          {addable.length === 0 ? (
            <Empty text={roll.addable.length === 0 ? '没有可加入的人员，登记在册的都已在名册上' : `没有找到“${q}”`} />
          ) : (
            addable.map((p) => (
              <View key={p.key}>
                <PersonRow person={p} open={amending?.key === p.key}>
                  <Button onClick={() => toggle(p, 'add')}>{amending?.key === p.key && amending.change === 'add' ? '收起' : '加入'}</Button>
                </PersonRow>
                {panel(p, 'add')}
              </View>
            ))
          )}
        </Card>
      )}

      {roll.changes !== null && <ChangesCard changes={roll.changes} frozen={roll.frozen} />}
    </View>
  )
}

/** the entries by grid, in the roll's order (by doorplate); those without a grid last */
function byGrid(entries: Entry[]): Array<[string, Entry[]]> {
  const groups = new Map<string, Entry[]>()
  for (const e of entries) {
    const list = groups.get(e.gridName)
    if (list) list.push(e)
    else groups.set(e.gridName, [e])
  }
  return [...groups.entries()].sort(([a], [b]) => Number(a === NO_GRID) - Number(b === NO_GRID))
}

function PersonRow({ person, open, children }: { person: Person; open: boolean; children?: ReactNode }) {
  return (
    <View className={`dlb-roll-person ${open ? 'dlb-roll-person--open' : ''}`}>
      <View className='dlb-roll-person__who'>
        <Text className='dlb-roll-person__name'>{person.name}</Text>
        {person.doorplate && <Text className='vh-muted'>{person.doorplate}</Text>}
      </View>
      {children}
    </View>
  )
}

/** The reason for taking someone off the roll or adding them (2 to 200 characters), then the change. */
function AmendPanel({
  villageId,
  topicId,
  mode,
  target,
  onDone,
  onConflict,
  onCancel,
}: {
  villageId: string
  topicId: string
  mode: VotingMode
  target: Amending
  onDone: () => void
  /** the roll changed meanwhile: the page says why and loads it again */
  onConflict: (message: string) => void
  onCancel: () => void
}) {
  const verb = CHANGE_WORDS[target.change]
  const [reason, setReason] = useState('')
  const [checkError, setCheckError] = useState<string | null>(null)
  const amending = useMutation(() => amendTopicRoll({ villageId, topicId, key: target.key, change: target.change, reason: reason.trim() }), {
    success: `已${verb}${target.name}`,
    onSuccess: onDone,
    onError: (e) => {
      // the reason's own error is shown beside it
      if (e instanceof CallError && e.fields?.reason) return null
      if (!(e instanceof CallError && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND'))) return undefined
      onConflict(e.message)
      return null
    },
  })

  function edit(value: string) {
    setReason(value)
    setCheckError(null)
    amending.clearField('reason')
  }

  function submit() {
    const r = reason.trim()
    if (r.length === 0) return setCheckError(`请填写${verb}的理由`)
    if (r.length < 2) return setCheckError('理由至少2个字')
    if (r.length > 200) return setCheckError('理由不超过200个字')
    void amending.run()
  }

  const who = target.doorplate ? `${target.name}（${target.doorplate}）` : target.name
  return (
    <View className='dlb-roll-amend'>
      <Text className='dlb-roll-amend__title'>{`${verb}${who}`}</Text>
      <Choices label='常用理由'>
        {QUICK_REASONS[mode][target.change].map((r) => (
          <Choice key={r} on={reason === r} onClick={() => edit(r)}>
            {r}
          </Choice>
        ))}
      </Choices>
      <TextField
        label={`${verb}理由`}
        multiline
        className='dlb-roll-amend__reason'
        value={reason}
        placeholder='写明理由，2至200个字，会留下记录'
        maxlength={200}
        error={checkError ?? amending.fieldErrors.reason}
        onChange={edit}
      />
      <Alert message={amending.error} />
      <View className='dlb-roll-amend__actions'>
        <Button kind={target.change === 'remove' ? 'danger' : 'primary'} loading={amending.busy} onClick={submit}>
          {`确认${verb}`}
        </Button>
        <Button disabled={amending.busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}

/** 名册调整记录: every change made to the draft's roll, with its reason, who and when. */
function ChangesCard({ changes, frozen }: { changes: RollChange[]; frozen: boolean }) {
  const { here } = useVillageWords()
  return (
    <Card title='名册调整记录'>
      {changes.length === 0 ? (
        <Empty text={frozen ? `发布前没有调整，名册与${here}登记一致` : `还没有调整，名册与${here}登记一致`} />
      ) : (
        changes.map((c, i) => (
          <View key={`${c.at}:${c.key}:${i}`} className='dlb-roll-change'>
            <View className='dlb-roll-change__head'>
              <Tag tone={c.change === 'add' ? 'green' : 'red'}>{CHANGE_WORDS[c.change]}</Tag>
              <Text className='dlb-roll-person__name'>{c.name}</Text>
            </View>
            <Text className='dlb-roll-change__reason'>{`理由：${c.reason}`}</Text>
            <Text className='vh-muted dlb-roll-change__by'>{`${c.byName} · ${formatTime(c.at)}`}</Text>
          </View>
        ))
      )}
      {changes.length > 0 && frozen && <Hint>以上调整在发布前作出，已计入名册。</Hint>}
    </Card>
  )
}
