import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { DeletionRequestView, MembershipView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Empty, Page, Tag, TextField } from '@/shared/ui'
import { confirmDeletion, getDeletionRequests } from '../../api'
import { isCommittee, MemberGate } from '../../components/member-gate'
import { useVillageWords } from '@/features/account/words'

const line = { display: 'block', margin: '0.2em 0' } as const

/** 注销申请 (committee): residents who asked for their personal data to be deleted; confirm after checking it is them. */
export default function DeletionsPage() {
  const { committee } = useVillageWords()
  return (
    <Page>
      <MemberGate notMember={`只有${committee}成员可以处理注销申请`} allow={isCommittee}>
        {(m) => <Deletions membership={m} />}
      </MemberGate>
    </Page>
  )
}

function Deletions({ membership }: { membership: MembershipView }) {
  const query = useQuery(() => getDeletionRequests(membership.villageId), [membership.villageId])
  useReloadOnShow(query)
  return (
    <Async query={query} isEmpty={(list) => !list.length} empty={<Empty text='没有待处理的注销申请' />}>
      {(list) => (
        <View>
          <Card title={`${membership.village.name} · 注销申请`}>
            <Text className='vh-muted' style={line}>请先电话或当面核实是本人申请。确认后，此人的姓名、入村登记、承诺和通知将被删除，评论和已结束议题的选票显示为“已注销用户”；操作记录会留存您的确认和核实情况。</Text>
          </Card>
          {list.map((r) => (
            <RequestCard key={r.personId} villageId={membership.villageId} request={r} onDone={() => void query.reload()} />
          ))}
        </View>
      )}
    </Async>
  )
}

function RequestCard({ villageId, request, onDone }: { villageId: string; request: DeletionRequestView; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const confirm = useMutation((why: string) => confirmDeletion(villageId, request.personId, why), { success: '已确认，正在删除', onSuccess: onDone })
  const submit = async () => {
    if (reason.trim().length < 2) return confirm.fail('请写明核实情况（至少两个字）')
    if (await askConfirm('确认注销', `确认注销${request.name}的个人信息？此操作不能撤销。`, '确认注销')) await confirm.run(reason.trim())
  }
  return (
    <Card title={request.name} extra={request.status === 'erasing' ? <Tag tone='gold'>正在删除</Tag> : <Text className='vh-muted'>{formatTime(request.createdAt)}</Text>}>
      {request.doorplate && <Text style={line}>{`门牌：${request.doorplate}`}</Text>}
      <Text style={line}>{`原因：${request.reason ?? '未填写'}`}</Text>
      {request.status === 'erasing' ? (
        <Text className='vh-muted' style={line}>已确认注销，正在删除此人的个人信息（几分钟内完成）。</Text>
      ) : request.blocked ? (
        <Alert message={`暂不能办理：${request.blocked}`} />
      ) : (
        <>
          <TextField label='核实情况' value={reason} placeholder='如：已电话核实是本人申请' maxlength={200} onChange={setReason} error={confirm.fieldErrors.reason} />
          <Button kind='danger' block loading={confirm.busy} onClick={() => void submit()}>
            确认注销
          </Button>
          <Alert message={confirm.error} />
        </>
      )}
    </Card>
  )
}
