/** The frame of a hall's staff pages (?villageId=&hallId=): the hall's staff and the committee; `read` lets town officers in too. */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { usePageParam } from '@/shared/page-params'
import { Empty } from '@/shared/ui'
import { BookingPage, readsHall, servesHall } from './gate'
import { useVillageWords } from '@/features/account/words'

export function StaffPage({ what, read, className, children }: { what: string; read?: boolean; className?: string; children: (m: MembershipView, hallId: string) => ReactNode }) {
  const { committee } = useVillageWords()
  const hallId = usePageParam('hallId')
  if (!hallId) return <BookingPage what={what}>{() => <Empty text='没有指定服务中心' />}</BookingPage>
  return (
    <BookingPage
      what={what}
      className={className}
      allow={(m) => (read ? readsHall : servesHall)(m, hallId)}
      refused={`只有本服务中心的工作人员${read ? `、${committee}和镇街干部` : `和${committee}`}可以${what}`}
    >
      {(m) => children(m, hallId)}
    </BookingPage>
  )
}
