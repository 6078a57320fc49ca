import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Council, CouncilView, MembershipView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Empty } from '@/shared/ui'
import { appointMember, listCouncils, removeMember } from '../../api'
import { personSearch } from '../../components/register-search'
import { SearchPick } from '@/shared/ui/search-pick'
import { BoardsPage } from '../../components/gate'

/** 四会: 村民议事会, 道德评议会, 禁毒禁赌会, 红白理事会 and their members; the committee appoints and removes them. */
export default function CouncilsPage() {
  return (
    <BoardsPage what='任命四会成员' committee>
      {(m) => <Councils membership={m} />}
    </BoardsPage>
  )
}

function Councils({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => listCouncils(villageId), [villageId])
  const [latest, setLatest] = useState<CouncilView[] | null>(null)
  const appoint = useMutation((council: Council, personId: string) => appointMember(villageId, council, personId), { success: '已任命', onSuccess: setLatest })
  const remove = useMutation((council: Council, personId: string) => removeMember(villageId, council, personId), { success: '已免去', onSuccess: setLatest })

  async function confirmRemove(c: CouncilView, personId: string, name: string) {
    if (await askConfirm(`免去${name}？`, `${name}将不再是${c.label}成员。`, '免去')) await remove.run(c.council, personId)
  }

  return (
    <View>
      <View className='vh-title'>{`${membership.village.name} · 四会成员`}</View>
      <Alert message={appoint.error ?? remove.error} />
      <Async query={{ ...query, data: latest ?? query.data }} isEmpty={(l) => l.length === 0} empty={<Empty text='没有四会' />}>
        {(list) => (
          <>
            {list.map((c) => {
              const taken = new Set(c.members.map((m) => m.personId))
              return (
                <Card key={c.council} title={c.label} extra={<Text className='vh-muted'>{`${c.members.length} 人`}</Text>}>
                  {c.members.length === 0 && <Text className='vh-muted bd-block'>还没有成员</Text>}
                  {c.members.map((m) => (
                    <View key={m.personId} className='vh-row'>
                      <Text className='vh-row__label'>{m.name}</Text>
                      <View className='vh-row__value'>
                        <Text className='vh-muted'>{`${formatTime(m.since)} 起`}</Text>
                        <Button kind='plain' loading={remove.pending?.[0] === c.council && remove.pending?.[1] === m.personId} disabled={remove.busy} onClick={() => void confirmRemove(c, m.personId, m.name)}>
                          免去
                        </Button>
                      </View>
                    </View>
                  ))}
                  {appoint.pending?.[0] === c.council ? (
                    <Text className='vh-muted bd-block'>请稍候…</Text>
                  ) : (
                    <SearchPick label='任命成员' placeholder='输入姓名或门牌号' search={personSearch(villageId, taken)} value={null} onChange={(id) => id && void appoint.run(c.council, id)} />
                  )}
                </Card>
              )
            })}
          </>
        )}
      </Async>
    </View>
  )
}
