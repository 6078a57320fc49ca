import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { DelegateView, MembershipView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Row } from '@/shared/ui'
import { SearchPick } from '@/shared/ui/search-pick'
import { authorize, getFamily, peopleSearch, revoke } from '../../api'
import { BookingPage, servesVillage } from '../../components/gate'

/** 家人代订 (?villageId=): whom I may book for (my household, who authorised me), whom I authorised; staff record an elder's authorisation. */
export default function FamilyPage() {
  return <BookingPage what='设置家人代订'>{(m) => <Family membership={m} />}</BookingPage>
}

function Family({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getFamily(villageId), [villageId])
  useReloadOnShow(query)
  const revoking = useMutation((d: DelegateView) => revoke(villageId, d.id), { success: '已取消授权', onSuccess: () => query.reload() })
  async function withdraw(d: DelegateView, mine: boolean) {
    const text = mine ? `取消后${d.delegateName}不能再为您预约（已有的预约不受影响）。` : `取消后您不能再为${d.name}预约（已有的预约不受影响）。`
    if (await askConfirm('取消授权？', text, '取消授权')) await revoking.run(d)
  }
  const revokeButton = (d: DelegateView, mine: boolean) => (
    <Button kind='plain' loading={revoking.pending?.[0].id === d.id} disabled={revoking.busy} onClick={() => void withdraw(d, mine)}>
      取消授权
    </Button>
  )
  return (
    <Async query={query}>
      {(f) => (
        <>
          <Card title='同户家人（可直接代为预约）'>
            {f.household.length === 0 && <Text className='vh-muted'>户籍中没有其他家人</Text>}
            {f.household.map((h) => (
              <Row key={h.personId} label={h.name}>
                <Text className='vh-muted'>{h.relation === '户主' ? '户主' : h.relation ? `户主的${h.relation}` : ''}</Text>
              </Row>
            ))}
          </Card>
          <Card title='授权我代订的人'>
            {f.forMe.length === 0 && <Text className='vh-muted'>还没有人授权您代订</Text>}
            {f.forMe.map((d) => (
              <Row key={d.id} label={d.name}>
                <Text className='vh-muted'>{`${formatTime(d.createdAt)} ${d.recordedByName}登记`}</Text>
                {revokeButton(d, false)}
              </Row>
            ))}
          </Card>
          <Card title='我授权的人（可为我预约）'>
            {f.granted.length === 0 && <Text className='vh-muted'>您还没有授权别人为您预约</Text>}
            {f.granted.map((d) => (
              <Row key={d.id} label={d.delegateName}>
                <Text className='vh-muted'>{formatTime(d.createdAt)}</Text>
                {revokeButton(d, true)}
              </Row>
            ))}
          </Card>
          <Alert message={revoking.error} />
          {servesVillage(membership) ? (
            <StaffAuthorize villageId={villageId} onDone={() => void query.reload()} />
          ) : (
            <Card title='授权家人代订'>
              <Text className='vh-block'>不在同一户的子女、亲属要为您（或家中长辈）预约，请本人带上身份证到服务中心，由工作人员当面登记授权。</Text>
              <Text className='vh-block vh-muted'>同户家人无需授权，可以直接代为预约。</Text>
            </Card>
          )}
        </>
      )}
    </Async>
  )
}

/** At the desk: staff record that an elder lets a family member book for them (with the elder present). */
function StaffAuthorize({ villageId, onDone }: { villageId: string; onDone: () => void }) {
  const [personId, setPersonId] = useState<string | null>(null)
  const [delegateId, setDelegateId] = useState<string | null>(null)
  const granting = useMutation(() => authorize(villageId, delegateId!, personId!), {
    success: (d) => `${d.delegateName}可为${d.name}预约`,
    onSuccess: () => (setPersonId(null), setDelegateId(null), onDone()),
  })
  const search = peopleSearch(villageId)
  function submit() {
    if (!personId) return granting.fail('请选择长者')
    if (!delegateId) return granting.fail('请选择代订的家人')
    if (personId === delegateId) return granting.fail('长者和代订人不能是同一人')
    void granting.run()
  }
  return (
    <Card title='登记授权代订（工作人员）'>
      <Text className='vh-block vh-muted'>长者本人到场同意后登记：被授权的家人就可以在手机上为长者预约。</Text>
      <SearchPick label='长者' placeholder='输入姓名或门牌号' search={search} value={personId} error={granting.fieldErrors.personId} onChange={setPersonId} />
      <SearchPick label='代订的家人' placeholder='输入姓名或门牌号' search={search} value={delegateId} error={granting.fieldErrors.delegateId} onChange={setDelegateId} />
      <Alert message={granting.error} />
      <Button kind='primary' block loading={granting.busy} onClick={submit}>
        登记授权
      </Button>
    </Card>
  )
}
