import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { AuditCheck, AuditEntry, MembershipView } from '@contract'
import { AUDIT_ACTION_LABELS, AUDIT_PAGE, auditActionLabel } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { formatTime, ymd } from '@/shared/time'
import { Alert, LoadMore, Async, Button, Card, Empty, Page, Tag } from '@/shared/ui'
import { MemberGate } from '@/features/account/components/member-gate'
import { useVillageWords } from '@/features/account/words'
import { getAuditActors, getAuditLog, verifyAuditLog } from '../../api'

const line = { display: 'block', margin: '0.15em 0' } as const
const filterRow = { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '0.5em', padding: '0.35em 0' } as const

interface Filters {
  actorId?: string
  action?: string
  from?: string
  to?: string
}

const ACTIONS = Object.entries(AUDIT_ACTION_LABELS)

/**
 * 操作记录: what the committee (and the time-driven job) did in the village — who, what, which object,
 * when, why — newest first, for the committee and the town's officers. Entries are chained by hash:
 * 校验记录完整性 recomputes the chain and says whether any entry was changed or removed. The newest may be
 * 待入链: recorded with the action, numbered by the job within a minute or so.
 */
export default function AuditLogPage() {
  const { committee } = useVillageWords()
  return (
    <Page>
      <MemberGate notMember={`只有${committee}成员和镇街干部可以查看操作记录`} allow={(m) => m.roles.includes('committee') || m.roles.includes('townOfficer')}>
        {(m) => <AuditLog membership={m} />}
      </MemberGate>
    </Page>
  )
}

function AuditLog({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [filters, setFilters] = useState<Filters>({})
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }))
  const actors = useQuery(() => getAuditActors(villageId), [villageId])
  const first = useQuery(() => getAuditLog({ villageId, ...filters, limit: AUDIT_PAGE }), [villageId, filters.actorId, filters.action, filters.from, filters.to])
  // the pages after the first, loaded by 加载更多 (reset when the filters change)
  const [more, setMore] = useState<{ entries: AuditEntry[]; nextCursor: number | null } | null>(null)
  useEffect(() => setMore(null), [first.data])
  const loadMore = useMutation((before: number) => getAuditLog({ villageId, ...filters, before, limit: AUDIT_PAGE }), {
    onSuccess: (page) => setMore((m) => ({ entries: [...(m?.entries ?? []), ...page.entries], nextCursor: page.nextCursor })),
  })
  const [check, setCheck] = useState<AuditCheck | null>(null)
  const verify = useMutation(() => verifyAuditLog(villageId), { onSuccess: setCheck })

  const actorList = actors.data ?? []
  const actorIndex = actorList.findIndex((a) => a.id === filters.actorId)
  const actionIndex = ACTIONS.findIndex(([a]) => a === filters.action)
  const filtered = !!(filters.actorId || filters.action || filters.from || filters.to)

  return (
    <View>
      <Card title={`${membership.village.name} · 操作记录`}>
        <Text className='vh-muted' style={line}>每一项管理操作都记在这里：谁、做了什么、对哪一项、什么时候、为什么。记录环环相扣，任何一条被改动或删除都能查出来。</Text>
        <Button block loading={verify.busy} onClick={() => void verify.run()}>
          校验记录完整性
        </Button>
        {check && (
          <View role='status' style={{ marginTop: '0.4em' }}>
            <Tag tone={check.ok ? 'green' : 'red'}>{check.ok ? '完整' : '不完整'}</Tag>
            <Text style={line}>{check.message}</Text>
          </View>
        )}
        <Alert message={verify.error} />
      </Card>

      <Card title='筛选'>
        <View style={filterRow}>
          <Text>操作人</Text>
          <Picker mode='selector' range={['全部', ...actorList.map((a) => a.name)]} value={actorIndex + 1} onChange={(e) => set({ actorId: actorList[Number(e.detail.value) - 1]?.id })}>
            <Text className={filters.actorId ? '' : 'vh-muted'}>{actorIndex >= 0 ? actorList[actorIndex].name : '全部'}</Text>
          </Picker>
        </View>
        <View style={filterRow}>
          <Text>类型</Text>
          <Picker mode='selector' range={['全部', ...ACTIONS.map(([, label]) => label)]} value={actionIndex + 1} onChange={(e) => set({ action: ACTIONS[Number(e.detail.value) - 1]?.[0] })}>
            <Text className={filters.action ? '' : 'vh-muted'}>{filters.action ? auditActionLabel(filters.action) : '全部'}</Text>
          </Picker>
        </View>
        <View style={filterRow}>
          <Text>日期</Text>
          <View style={{ display: 'flex', gap: '0.3em', alignItems: 'center' }}>
            <Picker mode='date' value={filters.from ?? ymd()} end={filters.to} onChange={(e) => set({ from: String(e.detail.value) })}>
              <Text className={filters.from ? '' : 'vh-muted'}>{filters.from ?? '开始'}</Text>
            </Picker>
            <Text>至</Text>
            <Picker mode='date' value={filters.to ?? ymd()} start={filters.from} onChange={(e) => set({ to: String(e.detail.value) })}>
              <Text className={filters.to ? '' : 'vh-muted'}>{filters.to ?? '结束'}</Text>
            </Picker>
          </View>
        </View>
        {filtered && (
          <Button kind='plain' block onClick={() => setFilters({})}>
            清除筛选
          </Button>
        )}
      </Card>

      <Async query={first} isEmpty={(p) => !p.entries.length} empty={<Empty text={filtered ? '没有符合条件的记录' : '还没有操作记录'} />}>
        {(page) => {
          const entries = [...page.entries, ...(more?.entries ?? [])]
          const next = more ? more.nextCursor : page.nextCursor
          return (
            <View>
              {entries.map((e) => (
                <EntryCard key={e._id} entry={e} />
              ))}
              <LoadMore
                more={next !== null}
                busy={loadMore.busy}
                error={loadMore.error}
                onLoad={() => void loadMore.run(next!)}
                end={<Text className='vh-muted' style={{ ...line, textAlign: 'center' }}>{`共 ${entries.length} 条，已到最早的记录`}</Text>}
              />
            </View>
          )
        }}
      </Async>
    </View>
  )
}

function EntryCard({ entry }: { entry: AuditEntry }) {
  return (
    // a pending entry is recorded but not yet numbered: the job links it into the chain within a minute or so
    <Card title={auditActionLabel(entry.action)} extra={entry.pending ? <Tag tone='gold'>待入链</Tag> : <Text className='vh-muted'>{`#${entry.seq}`}</Text>}>
      <Text style={line}>{entry.target}</Text>
      {entry.reason && <Text style={line}>{`理由：${entry.reason}`}</Text>}
      <Text className='vh-muted' style={line}>{`${entry.actorName} · ${formatTime(entry.at)}`}</Text>
    </Card>
  )
}
