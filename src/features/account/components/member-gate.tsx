import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { Empty } from '@/shared/ui'
import { AccountPending } from './account-pending'
import { useCurrentMembership } from '../store'
import { useEnsureAccount } from '../use-account-on-show'

export const isCommittee = (m: MembershipView | null) => !!m?.roles.includes('committee')

/**
 * A page for the members of a village (pages open cold, from a share card or a notice): waits for the
 * account, tells someone not in a village `notMember`, and — when only some members may use it —
 * tells the others plainly (`refused`). Nothing is loaded for those turned away.
 */
export function MemberGate({
  notMember,
  allow,
  refused = notMember,
  children,
}: {
  notMember: string
  /** who may use the page; every member when omitted */
  allow?: (m: MembershipView) => boolean
  refused?: string
  children: (membership: MembershipView) => ReactNode
}) {
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  if (!account.me) return <AccountPending />
  if (!membership) return <Empty text={notMember} />
  if (allow && !allow(membership)) return <Empty text={refused} />
  return <>{children(membership)}</>
}
