/**
 * Every booking page's frame. Pages carry ?villageId= (a poster or a notice may open one in a village
 * other than the one the person is acting in): the membership of that village is used, without
 * switching the app's current village; without the parameter, the current one.
 */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { AccountPending } from '@/features/account/components/account-pending'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { useCurrentMembership } from '@/features/account/store'
import { useEnsureAccount } from '@/features/account/use-account-on-show'
import { usePageParam } from '@/shared/page-params'
import { Empty, Page } from '@/shared/ui'
import './booking.scss'

/** the committee, or hall staff of this hall (as the server's servesHall) */
export const servesHall = (m: MembershipView, hallId: string): boolean => m.roles.includes('committee') || (m.roles.includes('hallStaff') && m.hallId === hallId)
/** servesHall, or a town officer, who reads the day list and the headcount */
export const readsHall = (m: MembershipView, hallId: string): boolean => servesHall(m, hallId) || m.roles.includes('townOfficer')
/** staff of any hall of the village, or the committee: the 长者登记 register */
export const servesVillage = (m: MembershipView): boolean => m.roles.includes('committee') || m.roles.includes('hallStaff')

/** The member of this village (or, without one, of the current village); outsiders are asked to join. */
export function VillageGate({
  villageId,
  what,
  allow,
  refused,
  children,
}: {
  villageId?: string
  /** e.g. 预约服务: completes 加入…后才能预约服务 */
  what: string
  allow?: (m: MembershipView) => boolean
  refused?: string
  children: (m: MembershipView) => ReactNode
}) {
  const account = useEnsureAccount()
  const current = useCurrentMembership()
  if (!account.me) return <AccountPending />
  const membership = villageId ? account.me.memberships.find((m) => m.villageId === villageId) ?? null : current
  if (!membership) return <JoinPrompt text={`加入${villageId ? '本' : '您所在的'}村（社区）后才能${what}。`} />
  if (allow && !allow(membership)) return <Empty text={refused ?? `只有服务中心工作人员和村（居）委会可以${what}`} />
  return <>{children(membership)}</>
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
