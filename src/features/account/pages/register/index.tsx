import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { HouseholdChange, HouseholdView, MembershipView } from '@contract'
import { END_REASONS, NO_GRID, REGISTER_PAGE } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { usePages } from '@/shared/api/use-pages'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { useDebounced } from '@/shared/use-debounced'
import { askConfirm } from '@/shared/confirm'
import { Alert, LoadMore, Async, Button, Card, Choice, Choices, Empty, Page, pressable, Tag, TextField } from '@/shared/ui'
import { endMembership, getRegister, moveHousehold, setHouseholdHead, setHouseholdRep } from '../../api'
import { AccountPending } from '../../components/account-pending'
import { useCurrentMembership } from '../../store'
import { useEnsureAccount } from '../../use-account-on-show'
import { useVillageWords } from '@/features/account/words'

type Grid = { id: string; name: string }
type Member = HouseholdView['members'][number]
type EndWhy = (typeof END_REASONS)[number]

const muted = { display: 'block', margin: '0.2em 0' } as const
const warn = { display: 'block', margin: '0.3em 0', padding: '0.4em 0.6em', borderRadius: '10px', background: '#fbf3e0', color: '#6d5514', fontWeight: 600 } as const
const memberRow = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.4em', padding: '0.4em 0', borderTop: '1px solid #f0ebe3' } as const

/**
 * 村民户籍: the village's households in 门牌号 order, a page at a time (加载更多), all or one grid's, or a search by
 * name or 门牌号 (on the server), each with its 户主, 户代表 and members. The committee names
 * the 户代表 (exactly one) or the 户主, moves a household to another grid, and ends a membership
 * (迁出/去世/其他) with a reason; grid workers read the households of their grids.
 */
export default function RegisterPage() {
  const { committee } = useVillageWords()
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const roles = membership?.roles ?? []
  const allowed = roles.includes('committee') || roles.includes('gridWorker')
  if (!account.me) return <Page><AccountPending /></Page>
  if (!membership || !allowed) return <Page><Empty text={`只有${committee}成员和网格员可以查看村民户籍`} /></Page>
  return (
    <Page>
      <Register membership={membership} />
    </Page>
  )
}

function Register({ membership }: { membership: MembershipView }) {
  const { committee } = useVillageWords()
  const villageId = membership.villageId
  const canEdit = membership.roles.includes('committee')
  const [search, setSearch] = useState('')
  const q = useDebounced(search.trim())
  // undefined: every household the reader may see (a grid worker's: their grids)
  const [gridId, setGridId] = useState<string | undefined>()
  const pages = usePages((after) => getRegister({ villageId, gridId, q: q || undefined, after }), [villageId, gridId, q], (p) => ({ items: p.households, next: p.next }))
  useReloadOnShow(pages.first)
  // a household changed here shows so at once on whichever page holds it; the first page reloads for the counts
  const [changed, setChanged] = useState<Record<string, HouseholdView>>({})
  const [open, setOpen] = useState<string | null>(null)
  const onChanged = (view: HouseholdView) => {
    setChanged((c) => ({ ...c, [view.id]: view }))
    return pages.first.reload()
  }

  return (
    <Async query={pages.first}>
      {({ grids, total, noRep, narrow }) => {
        const households = pages.items.map((h) => changed[h.id] ?? h)
        const choices = canEdit ? [...grids, { id: NO_GRID, name: '未分网格' }] : grids.filter((g) => membership.gridIds.includes(g.id))
        const where = choices.find((g) => g.id === gridId)?.name
        return (
          <View>
            <Card title={`${membership.village.name} · 村民户籍`}>
              <Text style={muted}>{`${where ? `${where}：` : ''}共 ${total} 户${noRep ? `，其中 ${noRep} 户没有户代表，不能参加按户表决` : ''}`}</Text>
              <Text className='vh-muted' style={muted}>
                {canEdit ? '点一户可设户代表（每户一位）、户主，调整网格，或注销迁出、去世的成员。每项改动都会留下记录。' : `网格员可以查看本网格的户籍；如需更改，请联系${committee}。`}
              </Text>
              {choices.length > 1 && (
                <Choices label='按网格查看'>
                  <Choice on={gridId === undefined} onClick={() => setGridId(undefined)}>
                    全部
                  </Choice>
                  {choices.map((g) => (
                    <Choice key={g.id} on={gridId === g.id} onClick={() => setGridId(g.id)}>
                      {g.name}
                    </Choice>
                  ))}
                </Choices>
              )}
              <Input className='vh-field__input' value={search} maxlength={20} placeholder='搜索姓名或门牌号' onInput={(e) => setSearch(e.detail.value)} />
              {pages.first.loading && <Text className='vh-muted' style={muted}>正在查找…</Text>}
              <Alert message={pages.first.error} />
            </Card>
            {households.length === 0 ? (
              <Empty text={q ? `没有找到“${q}”` : where ? `${where}还没有登记的户` : '还没有登记的户'} />
            ) : (
              households.map((h) => (
                <HouseholdCard
                  key={h.id}
                  villageId={villageId}
                  household={h}
                  grids={grids}
                  canEdit={canEdit}
                  open={open === h.id}
                  onToggle={() => setOpen(open === h.id ? null : h.id)}
                  onChanged={onChanged}
                />
              ))
            )}
            {narrow && <Text className='vh-muted' style={muted}>{`找到的较多，只列出前 ${REGISTER_PAGE} 户，请多输入几个字`}</Text>}
            <LoadMore more={pages.hasMore} busy={pages.loadingMore} error={pages.moreError} onLoad={pages.loadMore} />
          </View>
        )
      }}
    </Async>
  )
}

function HouseholdCard({
  villageId,
  household: h,
  grids,
  canEdit,
  open,
  onToggle,
  onChanged,
}: {
  villageId: string
  household: HouseholdView
  grids: Grid[]
  canEdit: boolean
  open: boolean
  onToggle: () => void
  onChanged: (view: HouseholdView) => Promise<void>
}) {
  const [ending, setEnding] = useState<Member | null>(null)
  const change = useMutation(
    (kind: 'rep' | 'head' | 'grid', id: string) =>
      kind === 'rep' ? setHouseholdRep(villageId, h.id, id) : kind === 'head' ? setHouseholdHead(villageId, h.id, id) : moveHousehold(villageId, h.id, id),
    { success: (_, kind) => ({ rep: '已设为户代表', head: '已设为户主', grid: '已调整网格' })[kind], onSuccess: (change) => onChanged(withChange(h, change)) },
  )

  return (
    <Card title={h.doorplate} extra={h.canVote ? <Tag tone='green'>可按户表决</Tag> : <Tag tone='gold'>无户代表</Tag>}>
      <Text style={muted}>{`户主 ${h.headName} · 户代表 ${h.rep?.name ?? '（未指定）'} · ${h.gridName}`}</Text>
      {!h.canVote && <Text style={warn}>本户没有户代表，不能参加按户表决；请指定一位户代表</Text>}
      {h.members.map((m) => (
        <View key={m.personId} style={memberRow}>
          {/* one handler always bound: Taro's weapp runtime fails when a listener is removed from a Text at run time */}
          <Text style={{ fontWeight: 600 }} {...pressable(() => canEdit && !open && onToggle())}>
            {m.name}
          </Text>
          {m.relation && <Tag tone='grey'>{m.relation}</Tag>}
          {h.rep?.personId === m.personId && <Tag tone='red'>户代表</Tag>}
          {open && canEdit && (
            <View style={{ display: 'flex', flexWrap: 'wrap', gap: '0.3em', width: '100%' }}>
              {h.rep?.personId !== m.personId && (
                <Button loading={change.busy && change.pending?.[0] === 'rep' && change.pending[1] === m.personId} onClick={() => void change.run('rep', m.personId)}>
                  设为户代表
                </Button>
              )}
              {m.relation !== '户主' && (
                <Button loading={change.busy && change.pending?.[0] === 'head' && change.pending[1] === m.personId} onClick={() => void change.run('head', m.personId)}>
                  设为户主
                </Button>
              )}
              <Button kind='danger' onClick={() => setEnding(ending?.personId === m.personId ? null : m)}>
                注销成员
              </Button>
            </View>
          )}
          {open && ending?.personId === m.personId && (
            <EndPanel
              villageId={villageId}
              member={m}
              isRep={h.rep?.personId === m.personId}
              onDone={() => {
                setEnding(null)
                return onChanged(withoutMember(h, m.personId))
              }}
              onCancel={() => setEnding(null)}
            />
          )}
        </View>
      ))}
      {open && canEdit && grids.length > 0 && (
        <View>
          <Text className='vh-muted' style={muted}>
            调整网格：
          </Text>
          <Choices label='所属网格'>
            {grids.map((g) => (
              <Choice key={g.id} on={h.gridId === g.id} onClick={h.gridId === g.id || change.busy ? undefined : () => void change.run('grid', g.id)}>
                {g.name}
              </Choice>
            ))}
          </Choices>
        </View>
      )}
      <Alert message={change.error} />
      {canEdit && (
        <Button block kind='plain' onClick={onToggle}>
          {open ? '收起' : '管理本户'}
        </Button>
      )}
    </Card>
  )
}

/**
 * the household with a change the server answered merged in: its members by personId, the others as they were — but
 * for a new 户代表, whose role the others lose (a household has one; the server answers the new one only)
 */
function withChange(h: HouseholdView, { members, ...fields }: HouseholdChange): HouseholdView {
  const notRep = (m: Member): Member => (fields.rep && m.roles.includes('householdRep') ? { ...m, roles: m.roles.filter((r) => r !== 'householdRep') } : m)
  return { ...h, ...fields, members: h.members.map((m) => members?.find((x) => x.personId === m.personId) ?? notRep(m)) }
}

/** the household once this member's membership has ended (the server's view, without asking it again) */
function withoutMember(h: HouseholdView, personId: string): HouseholdView {
  const leaving = h.rep?.personId === personId
  return { ...h, members: h.members.filter((m) => m.personId !== personId), rep: leaving ? null : h.rep, canVote: leaving ? false : h.canVote }
}

function EndPanel({ villageId, member, isRep, onDone, onCancel }: { villageId: string; member: Member; isRep: boolean; onDone: () => Promise<void>; onCancel: () => void }) {
  const [why, setWhy] = useState<EndWhy | null>(null)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ why?: string; reason?: string }>({})
  const ending = useMutation((w: EndWhy, r: string) => endMembership({ villageId, personId: member.personId, why: w, reason: r }), {
    success: `已注销${member.name}`,
    onSuccess: onDone,
  })

  async function submit() {
    const r = reason.trim()
    const next = { why: why ? undefined : '请选择原因', reason: r.length >= 2 ? undefined : '请写明情况（至少两个字）' }
    setErrors(next)
    if (!why || next.reason) return
    const more = isRep ? `${member.name}是户代表，注销后本户在指定新的户代表前不能参加按户表决。` : ''
    if (!(await askConfirm(`注销${member.name}？`, `原因：${why}，${r}。${more}注销会留下记录。`, '注销'))) return
    await ending.run(why, r)
  }

  return (
    <View style={{ width: '100%', padding: '0.4em', borderRadius: '10px', background: '#f6f3ee' }}>
      <Text style={{ display: 'block', fontWeight: 600 }}>{`注销${member.name}：原因`}</Text>
      <Choices label='迁出原因'>
        {END_REASONS.map((w) => (
          <Choice key={w} on={why === w} onClick={() => (setWhy(w), setErrors((e) => ({ ...e, why: undefined })))}>
            {w}
          </Choice>
        ))}
      </Choices>
      <Alert message={errors.why ?? ending.fieldErrors.why} />
      <TextField
        label='说明'
        value={reason}
        multiline
        maxlength={200}
        placeholder='例如：2025年10月迁往深圳'
        error={errors.reason ?? ending.fieldErrors.reason}
        onChange={(v) => {
          setReason(v)
          setErrors((e) => ({ ...e, reason: undefined }))
          ending.clearField('reason')
        }}
      />
      <Alert message={Object.keys(ending.fieldErrors).length ? null : ending.error} />
      <View style={{ display: 'flex', gap: '0.4em' }}>
        <Button kind='danger' loading={ending.busy} onClick={() => void submit()}>
          确认注销
        </Button>
        <Button disabled={ending.busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
