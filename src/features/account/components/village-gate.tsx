/**
 * A page of one village, named by its ?villageId= (a poster, a notice or a share card may open it in a village
 * other than the one the person is acting in): the membership of that village is used, without switching the
 * app's current village; without the parameter, the current one. Outsiders are asked to join.
 */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { Empty } from '@/shared/ui'
import { AccountPending } from './account-pending'
import { JoinPrompt } from './join-prompt'
import { useCurrentMembership } from '../store'
import { useEnsureAccount } from '../use-account-on-show'

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
  /** what those the page is not for are told */
  refused: string
  children: (m: MembershipView) => ReactNode
}) {
  const account = useEnsureAccount()
  const current = useCurrentMembership()
  if (!account.me) return <AccountPending />
  const membership = villageId ? account.me.memberships.find((m) => m.villageId === villageId) ?? null : current
  if (!membership) return <JoinPrompt text={`加入${villageId ? '本' : '您所在的'}村（社区）后才能${what}。`} />
  if (allow && !allow(membership)) return <Empty text={refused} />
  return <>{children(membership)}</>
}
