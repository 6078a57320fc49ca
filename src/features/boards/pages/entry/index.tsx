import { Text } from '@tarojs/components'
import type { EntryView, MembershipView } from '@contract'
import { BOARD_LABELS, ENTRY_STATUS_LABELS } from '@contract/tables'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Async, Card, Empty, Tag } from '@/shared/ui'
import { useState } from 'react'
import { getEntry } from '../../api'
import { AppealForm, AppealRecord } from '../../components/appeal'
import { DecideAppeal, ManageEntry } from '../../components/committee-actions'
import { EntryBody, Points } from '../../components/entry-card'
import { BoardsPage } from '../../components/gate'
import { BOARD_TONE } from '../../labels'

/** 榜单条目 (?entryId=): the entry; for the named household its notice and 申诉; for the committee the appeal to decide. */
export default function EntryPage() {
  const entryId = usePageParam('entryId') ?? ''
  return <BoardsPage what='查看榜单'>{(m) => (entryId ? <Entry membership={m} entryId={entryId} /> : <Empty text='没有指定榜单条目' />)}</BoardsPage>
}

function Entry({ membership, entryId }: { membership: MembershipView; entryId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => getEntry(villageId, entryId), [villageId, entryId])
  useReloadOnShow(query)
  const [changed, setChanged] = useState<EntryView | null>(null)
  const data = changed && changed.id === query.data?.id ? changed : query.data
  return (
    <Async query={{ ...query, data }}>
      {(e) => <EntryDetail villageId={villageId} entry={e} onChanged={setChanged} />}
    </Async>
  )
}

function EntryDetail({ villageId, entry: e, onChanged }: { villageId: string; entry: EntryView; onChanged: (e: EntryView) => void }) {
  return (
    <>
      <Card
        title={e.place}
        extra={
          <Text>
            <Tag tone={BOARD_TONE[e.board]}>{BOARD_LABELS[e.board]}</Tag>
            <Points entry={e} />
            {e.status !== 'published' && <Tag tone='grey'>{ENTRY_STATUS_LABELS[e.status]}</Tag>}
          </Text>
        }
      >
        <EntryBody entry={e} />
        <Text className='vh-muted bd-entry__meta'>{`${e.createdByName} 登记 · ${formatTime(e.createdAt)}${e.publishedAt ? ` · ${formatTime(e.publishedAt)} 公示` : ''}${e.expiresAt && e.status === 'published' ? ` · 展示至 ${formatTime(e.expiresAt)}` : ''}`}</Text>
        {e.status === 'notice' && e.noticeUntil && <Text className='bd-block'>{`公示前告知：${formatTime(e.noticeUntil)} 前无申诉即公示`}</Text>}
        {e.withdrawn && <Text className='bd-block'>{`已撤销：${e.withdrawn.reason}（${e.withdrawn.byName}）`}</Text>}
      </Card>
      <AppealRecord entry={e} />
      {e.mine && e.can.appeal && <AppealForm villageId={villageId} entry={e} onDone={onChanged} />}
      {e.mine && !e.can.appeal && e.can.appealWhy && !e.appeal && <Text className='vh-muted bd-block'>{e.can.appealWhy}</Text>}
      {e.can.manage && e.status === 'appealed' && <DecideAppeal villageId={villageId} entry={e} onDone={onChanged} />}
      {e.can.manage && <ManageEntry villageId={villageId} entry={e} onDone={onChanged} />}
    </>
  )
}
