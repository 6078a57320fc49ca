/** What the mailbox adds to the tab pages: 首页's 书记信箱 (write, public letters, the committee's 信箱待办 with its count); 我的's 我的来信. */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl, type PageKey } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Card, Row, Tag } from '@/shared/ui'
import { getInbox } from './api'
import { isCommittee } from './labels'
import { takesPart } from '@contract/tables'
import { useVillageWords } from '@/features/account/words'

const go = (key: PageKey, villageId: string) => void Taro.navigateTo({ url: pageUrl(key, { villageId }) })

export function MailboxHomeCard({ membership }: { membership: MembershipView }) {
  const words = useVillageWords(membership.village.kind)
  const villageId = membership.villageId
  const committee = isCommittee(membership)
  const inbox = useQuery(() => getInbox(villageId, 'waiting'), [villageId], committee)
  useReloadOnShow(inbox)
  const overdue = inbox.data?.filter((l) => l.overdue).length ?? 0
  return (
    <Card title='书记信箱'>
      {takesPart(membership) && (
        <Row label={`写信给${words.committee}`} onClick={() => go('mailbox.write', villageId)}>
          <Text className='vh-muted'>有问必答</Text>
        </Row>
      )}
      <Row label='公开来信' onClick={() => go('mailbox.public', villageId)} />
      {committee && (
        <Row label='信箱待办' onClick={() => go('mailbox.inbox', villageId)}>
          {inbox.data && (inbox.data.length ? <Tag tone={overdue ? 'red' : 'gold'}>{`${inbox.data.length} 封${overdue ? `，逾期 ${overdue}` : ''}`}</Tag> : <Text className='vh-muted'>暂无</Text>)}
        </Row>
      )}
    </Card>
  )
}

export function MyLettersCard({ membership }: { membership: MembershipView | null }) {
  if (!membership) return null
  return (
    <Card>
      <Row label='我的来信' onClick={() => go('mailbox.mine', membership.villageId)}>
        <Text className='vh-muted'>书记信箱</Text>
      </Row>
    </Card>
  )
}
