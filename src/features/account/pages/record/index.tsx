import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { RecordItem, RecordKind } from '@contract'
import { errorMessage } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { askConfirm } from '@/shared/confirm'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Alert, LoadMore, Button, Card, Choice, Choices, Empty, ErrorState, Loading, Page, Tag, TextField } from '@/shared/ui'
import { deleteMyComment, editMyComment, getMyRecord, withdrawMyProposal } from '../../api'
import { openPage } from '../../components/todo-card'
import { AccountPending } from '../../components/account-pending'
import { useCurrentMembership } from '../../store'
import { useEnsureAccount } from '../../use-account-on-show'

const KINDS: Array<[RecordKind, string]> = [
  ['votes', '投票'],
  ['comments', '评论'],
  ['proposals', '提议'],
  ['agreements', '承诺'],
  ['bookings', '预约'],
  ['reports', '随手拍'],
]
const EMPTY: Record<RecordKind, string> = {
  votes: '还没有投过票',
  comments: '还没有发表过评论',
  proposals: '还没有提过提议',
  agreements: '还没有承诺遵守村规民约',
  bookings: '还没有预约过',
  reports: '还没有上报过随手拍',
}

/** 我的记录: what I did in my village — votes with receipts, comments, proposals, agreements, bookings, reports — newest first. */
export default function RecordPage() {
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const initial = usePageParam('kind')
  const [kind, setKind] = useState<RecordKind>(KINDS.some(([k]) => k === initial) ? (initial as RecordKind) : 'votes')
  if (!membership) return <Page>{account.me ? <Empty text='加入村（社区）后，这里会列出您的投票、评论和预约' /> : <AccountPending />}</Page>
  return (
    <Page>
      <Choices label='走访方式'>
        {KINDS.map(([k, label]) => (
          <Choice key={k} on={k === kind} onClick={() => setKind(k)}>
            {label}
          </Choice>
        ))}
      </Choices>
      <RecordList key={`${membership.villageId}:${kind}`} villageId={membership.villageId} kind={kind} />
    </Page>
  )
}

/** one kind's pages, appended as I ask for more */
function RecordList({ villageId, kind }: { villageId: string; kind: RecordKind }) {
  const [items, setItems] = useState<RecordItem[] | null>(null)
  const [next, setNext] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(
    async (page: number) => {
      setError(null)
      try {
        const r = await getMyRecord(villageId, kind, page)
        setItems((old) => (page === 0 ? r.items : [...(old ?? []), ...r.items]))
        setNext(r.next)
      } catch (e) {
        setError(errorMessage(e))
      }
    },
    [villageId, kind],
  )
  const more = useMutation(load)
  useEffect(() => {
    void load(0)
  }, [load])

  if (items === null) return error ? <ErrorState message={error} onRetry={() => void load(0)} /> : <Loading />
  if (!items.length) return <Empty text={EMPTY[kind]} />
  const changed = (id: string, item: RecordItem | null) => setItems((old) => (old ?? []).flatMap((x) => (x.id !== id ? [x] : item ? [item] : [])))
  return (
    <View>
      {items.map((item) => (
        <RecordCard key={item.id} villageId={villageId} kind={kind} item={item} onChanged={(i) => changed(item.id, i)} />
      ))}
      <LoadMore more={next !== null} busy={more.busy} error={error && items.length ? error : null} onLoad={() => void more.run(next!)} />
    </View>
  )
}

const line = { display: 'block', margin: '0.15em 0' } as const
const actions = { display: 'flex', flexWrap: 'wrap', gap: '0.5em', marginTop: '0.5em' } as const

function RecordCard({ villageId, kind, item, onChanged }: { villageId: string; kind: RecordKind; item: RecordItem; onChanged: (item: RecordItem | null) => void }) {
  const [editing, setEditing] = useState<'comment' | 'withdraw' | null>(null)
  const [text, setText] = useState('')
  const save = useMutation(
    async () => {
      if (editing === 'comment') {
        const c = await editMyComment(villageId, item.id, text.trim())
        return { ...item, text: c.text ?? '', lines: [c.text ?? '', '刚刚修改过'] }
      }
      await withdrawMyProposal(villageId, item.id, text.trim())
      return { ...item, state: '已撤回', lines: [...item.lines, `撤回理由：${text.trim()}`], can: { ...item.can, withdraw: false } }
    },
    {
      success: editing === 'comment' ? '已修改' : '已撤回',
      onSuccess: (next) => {
        setEditing(null)
        onChanged(next)
      },
    },
  )
  const remove = useMutation(() => deleteMyComment(villageId, item.id), { success: '已删除', onSuccess: () => onChanged(null) })

  async function askRemove() {
    if (await askConfirm('删除这条评论？', '删除后大家看到“该评论已被作者删除”，不能恢复。', '删除')) void remove.run()
  }
  function start(what: 'comment' | 'withdraw') {
    setEditing(what)
    setText(what === 'comment' ? item.text ?? '' : '')
    save.reset()
  }

  return (
    <Card title={item.title} extra={item.state ? <Tag tone={item.state === '已撤回' || item.state === '已隐藏' ? 'grey' : 'default'}>{item.state}</Tag> : undefined}>
      {item.lines.map((l, i) => (
        <Text key={i} style={line} className={i > 0 ? 'vh-muted' : undefined}>
          {l}
        </Text>
      ))}
      <Text style={line} className='vh-muted'>
        {formatTime(item.at)}
      </Text>
      {editing ? (
        <View>
          <TextField
            label={editing === 'comment' ? '修改评论' : '撤回理由（大家会看到）'}
            value={text}
            multiline
            maxlength={editing === 'comment' ? 500 : 200}
            error={save.fieldErrors.text ?? save.fieldErrors.reason}
            onChange={setText}
          />
          <Alert message={save.fieldErrors.text || save.fieldErrors.reason ? null : save.error} />
          <View style={actions}>
            <Button kind='primary' loading={save.busy} onClick={() => void save.run()}>
              {editing === 'comment' ? '保存' : '确认撤回'}
            </Button>
            <Button kind='plain' onClick={() => setEditing(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View style={actions}>
          {item.page && (
            <Button kind='plain' onClick={() => openPage(item.page!)}>
              {kind === 'votes' ? '查看议题' : '查看'}
            </Button>
          )}
          {item.can.edit && <Button onClick={() => start('comment')}>修改</Button>}
          {item.can.remove && (
            <Button kind='danger' loading={remove.busy} onClick={() => void askRemove()}>
              删除
            </Button>
          )}
          {item.can.withdraw && (
            <Button kind='danger' onClick={() => start('withdraw')}>
              撤回提议
            </Button>
          )}
        </View>
      )}
      <Alert message={remove.error} />
    </Card>
  )
}
