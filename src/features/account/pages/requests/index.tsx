import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { JoinStatus } from '@contract'
import { JOIN_STATUS_LABELS } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { Async, Button, Card, Choice, Choices, Empty, FieldError, Page, Tag } from '@/shared/ui'
import { decideJoin, getJoinQueue } from '../../api'
import { useCurrentMembership } from '../../store'
import { useEnsureAccount } from '../../use-account-on-show'
import { AccountPending } from '../../components/account-pending'
import { useVillageWords } from '@/features/account/words'

type QueueItem = Awaited<ReturnType<typeof getJoinQueue>>[number]
const TABS: JoinStatus[] = ['pending', 'approved', 'rejected']

/** 入村审核: the committee approves or rejects join requests, a rejection always with a reason. */
export default function JoinRequestsPage() {
  const { committee } = useVillageWords()
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const villageId = membership?.villageId ?? ''
  const isCommittee = membership?.roles.includes('committee') ?? false
  const [tab, setTab] = useState<JoinStatus>('pending')
  const queue = useQuery(() => getJoinQueue(villageId, tab), [villageId, tab], isCommittee)

  if (!account.me) return <Page><AccountPending /></Page>
  if (!isCommittee) {
    return (
      <Page>
        <Empty text={`只有${committee}成员可以审核入村申请`} />
      </Page>
    )
  }
  return (
    <Page>
      <View className='vh-title'>{`${membership!.village.name} · 入村审核`}</View>
      <Choices label='按状态查看'>
        {TABS.map((s) => (
          <Choice key={s} on={tab === s} onClick={() => setTab(s)}>
            {JOIN_STATUS_LABELS[s]}
          </Choice>
        ))}
      </Choices>
      <Async query={queue} isEmpty={(items) => items.length === 0} empty={<Empty text={tab === 'pending' ? '没有待审核的申请' : '暂无记录'} />}>
        {(items) => (
          <>
            {items.map((r) => (
              <RequestCard key={r._id} request={r} villageId={villageId} onDecided={() => void queue.reload()} />
            ))}
          </>
        )}
      </Async>
    </Page>
  )
}

function RequestCard({ request: r, villageId, onDecided }: { request: QueueItem; villageId: string; onDecided: () => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const last = r.decisions[r.decisions.length - 1]
  const decision = useMutation(
    (d: 'approve' | 'reject') => decideJoin({ villageId, requestId: r._id, decision: d, reason: d === 'reject' ? reason.trim() : undefined }),
    { success: (_, d) => (d === 'approve' ? '已批准' : '已驳回'), onSuccess: onDecided },
  )

  async function decide(d: 'approve' | 'reject') {
    if (d === 'reject' && reason.trim().length < 2) return decision.fail('驳回时请写明理由，申请人会看到')
    if (d === 'approve' && r.noHeadWarning && !(await askConfirm(`批准${r.name}？`, r.noHeadWarning, '仍然批准'))) return
    void decision.run(d)
  }

  return (
    <Card title={r.name} extra={<Tag tone={r.via === 'scan' ? 'gold' : 'grey'}>{r.via === 'scan' ? '扫码申请' : '选择申请'}</Tag>}>
      <View className='vh-row'>
        <Text className='vh-row__label'>门牌号</Text>
        <Text className='vh-row__value'>{r.doorplate}</Text>
      </View>
      <View className='vh-row'>
        <Text className='vh-row__label'>与户主关系</Text>
        <Text className='vh-row__value'>{r.relation}</Text>
      </View>
      <View className='vh-row'>
        <Text className='vh-row__label'>提交时间</Text>
        <Text className='vh-row__value'>{formatTime(r.createdAt)}</Text>
      </View>
      <Text className='vh-muted' style={{ display: 'block' }}>
        {r.householdMatch ? `与已登记户相符：${r.householdMatch}` : '未登记的门牌号，批准后将登记为新的一户'}
      </Text>
      {r.status === 'pending' && r.noHeadWarning && (
        <Text style={{ display: 'block', margin: '0.4em 0', padding: '0.5em 0.7em', borderRadius: '12px', background: '#fbf3e0', color: '#6d5514', fontWeight: 600 }}>
          {`请注意：${r.noHeadWarning}`}
        </Text>
      )}
      {last && (
        <Text className='vh-muted' style={{ display: 'block' }}>
          {`${last.byName} 于 ${formatTime(last.at)} ${last.status === 'approved' ? '批准' : '驳回'}${last.reason ? `：${last.reason}` : ''}`}
        </Text>
      )}
      {r.status === 'pending' &&
        (rejecting ? (
          <View>
            <Textarea className='vh-field__input' value={reason} placeholder='请写明驳回理由，如门牌号有误' maxlength={200} onInput={(e) => setReason(e.detail.value)} />
            <Button kind='danger' loading={decision.busy} onClick={() => void decide('reject')}>
              确认驳回
            </Button>
            <Button kind='plain' onClick={() => (setRejecting(false), decision.reset())}>
              取消
            </Button>
          </View>
        ) : (
          <View>
            <Button kind='primary' loading={decision.busy} onClick={() => void decide('approve')}>
              批准
            </Button>
            <Button kind='danger' onClick={() => setRejecting(true)}>
              驳回
            </Button>
          </View>
        ))}
      <FieldError message={decision.error ?? undefined} />
    </Card>
  )
}
