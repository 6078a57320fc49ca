import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Proxy } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { formatTime } from '@/shared/time'
import { Async, Button, Empty, FieldError } from '@/shared/ui'
import { grantProxy, listProxyCandidates, revokeProxy } from '../api'
import './deliberation.scss'

/**
 * 代投, kept secondary under the ballot: let a family member or the grid worker vote for me on this
 * topic, or take it back. The proxy's vote is logged and I am told.
 */
export function ProxyGrant({ villageId, topicId, myProxy, onChanged }: { villageId: string; topicId: string; myProxy: Proxy | null; onChanged: () => void }) {
  const active = myProxy && !myProxy.revoked ? myProxy : null
  const [open, setOpen] = useState(false)
  const candidates = useQuery(() => listProxyCandidates(villageId, topicId), [villageId, topicId], open && !active)
  /** null: take the proxy back; else grant it to this person */
  const change = useMutation((personId: string | null): Promise<unknown> => (personId ? grantProxy(villageId, topicId, personId) : revokeProxy(villageId, topicId)), {
    success: (_, personId) => (personId ? '已委托' : '已取消委托'),
    onSuccess: () => {
      setOpen(false)
      onChanged()
    },
  })
  const busy = change.pending?.[0]

  if (active) {
    return (
      <View className='dl-secondary'>
        <Text className='dl-block'>{`您已委托 ${active.proxyName} 代您投票`}</Text>
        <Text className='vh-muted dl-block'>{active.usedAt ? `${active.proxyName} 已于 ${formatTime(active.usedAt)} 代您投票` : `${active.proxyName} 还没有代您投票；您自己投票也可以`}</Text>
        <Button kind='plain' loading={busy === null} onClick={() => void change.run(null)}>
          取消委托
        </Button>
        <FieldError message={change.error ?? undefined} />
      </View>
    )
  }

  return (
    <View className='dl-secondary'>
      {!open ? (
        <Button kind='plain' onClick={() => setOpen(true)}>
          行动不便？请家人或网格员代投 ›
        </Button>
      ) : (
        <>
          <Text className='dl-block'>委托代投</Text>
          <Text className='vh-muted dl-block'>可以委托本户家人或本网格的网格员，只对本议题有效。代投会记录在案，投票后会通知您；截止前可以随时取消。</Text>
          <Async query={candidates} isEmpty={(l) => l.length === 0} empty={<Empty text='没有可以委托的人' />}>
            {(list) => (
              <View>
                {list.map((c) => (
                  <View key={c.personId} className='dl-candidate'>
                    <View>
                      <Text className='dl-block'>{c.name}</Text>
                      <Text className='vh-muted'>{c.why}</Text>
                    </View>
                    <Button loading={busy === c.personId} disabled={change.busy && busy !== c.personId} onClick={() => void change.run(c.personId)}>
                      {`委托${c.name}`}
                    </Button>
                  </View>
                ))}
              </View>
            )}
          </Async>
          <Button kind='plain' onClick={() => (setOpen(false), change.reset())}>
            收起
          </Button>
        </>
      )}
      <FieldError message={change.error ?? undefined} />
    </View>
  )
}
