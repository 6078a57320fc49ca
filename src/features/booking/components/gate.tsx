/** Every booking page's frame: the village of its ?villageId= (the account feature's VillageGate), for staff or everyone. */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { VillageGate as AccountVillageGate } from '@/features/account/components/village-gate'
import { usePageParam } from '@/shared/page-params'
import { Page } from '@/shared/ui'
import './booking.scss'
import { useVillageWords } from '@/features/account/words'

/** the committee, or hall staff of this hall (as the server's servesHall) */
export const servesHall = (m: MembershipView, hallId: string): boolean => m.roles.includes('committee') || (m.roles.includes('hallStaff') && m.hallId === hallId)
/** servesHall, or a town officer, who reads the day list and the headcount */
export const readsHall = (m: MembershipView, hallId: string): boolean => servesHall(m, hallId) || m.roles.includes('townOfficer')
/** staff of any hall of the village, or the committee: the 长者登记 register */
export const servesVillage = (m: MembershipView): boolean => m.roles.includes('committee') || m.roles.includes('hallStaff')

/** The member of this village (or, without one, of the current village); outsiders are asked to join. */
export function VillageGate({ refused, ...props }: Omit<Parameters<typeof AccountVillageGate>[0], 'refused'> & { refused?: string }) {
  const { committee } = useVillageWords()
  return <AccountVillageGate {...props} refused={refused ?? `只有服务中心工作人员和${committee}可以${props.what}`} />
}

/** A booking page: the page frame and the gate of its ?villageId=. */
export function BookingPage({ what, allow, refused, className, children }: { what: string; allow?: (m: MembershipView) => boolean; refused?: string; className?: string; children: (m: MembershipView) => ReactNode }) {
  const villageId = usePageParam('villageId')
  return (
    <Page className={className}>
      <VillageGate villageId={villageId} what={what} allow={allow} refused={refused}>
        {children}
      </VillageGate>
    </Page>
  )
}
