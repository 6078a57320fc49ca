import { Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Choice, Choices, Empty } from '@/shared/ui'
import { getInbox, type InboxFilter } from '../../api'
import { MailboxPage } from '../../components/frame'
import { LetterItem } from '../../components/letter-item'
import { isCommittee } from '../../labels'

const FILTERS: ReadonlyArray<readonly [InboxFilter, string]> = [
  ['waiting', '待回复'],
  ['overdue', '已逾期'],
  ['replied', '已回复'],
  ['all', '全部'],
]

/** The committee's inbox (?villageId=): waiting letters, the overdue first, then by due date. */
export default function InboxPage() {
  return (
    <MailboxPage what='办理来信' allow={isCommittee}>
      {(m) => <Inbox membership={m} />}
    </MailboxPage>
  )
}

function Inbox({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [filter, setFilter] = useState<InboxFilter>('waiting')
  const query = useQuery(() => getInbox(villageId, filter), [villageId, filter])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <Text className='vh-title vh-block'>{`${membership.village.name} · 书记信箱`}</Text>
      <Choices label='按状态筛选'>
        {FILTERS.map(([key, label]) => (
          <Choice key={key} on={filter === key} onClick={() => setFilter(key)}>
            <Text>{label}</Text>
          </Choice>
        ))}
      </Choices>
      <Async query={query} isEmpty={(d) => d.length === 0} empty={<Empty text={filter === 'waiting' ? '没有待回复的来信' : '没有这样的来信'} />}>
        {(d) => (
          <>
            {d.map((l) => (
              <LetterItem key={l.id} letter={l} villageId={villageId} />
            ))}
          </>
        )}
      </Async>
      <Button kind='plain' block onClick={() => void Taro.navigateTo({ url: pageUrl('mailbox.settings', { villageId }) })}>
        回复期限设置
      </Button>
    </>
  )
}
