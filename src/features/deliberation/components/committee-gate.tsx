import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { Empty } from '@/shared/ui'
import { AccountPending } from '../../account/components/account-pending'
import { useCurrentMembership } from '../../account/store'
import { useEnsureAccount } from '../../account/use-account-on-show'

export const isCommittee = (m: MembershipView | null) => !!m?.roles.includes('committee')

/**
 * The committee's pages: waits for the account (they can be opened cold), tells anyone else plainly
 * what only the committee may do, and hands the page the membership. Nothing is loaded for others.
 */
export function CommitteeOnly({ what, children }: { what: string; children: (membership: MembershipView) => ReactNode }) {
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  if (!account.me) return <AccountPending />
  if (!membership) return <Empty text='加入村（社区）后才能参与议事' />
  if (!isCommittee(membership)) return <Empty text={`只有村（居）委会成员可以${what}`} />
  return <>{children(membership)}</>
}

/** Every member: waits for the account and asks others to join first. */
export function MembersOnly({ what, children }: { what: string; children: (membership: MembershipView) => ReactNode }) {
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  if (!account.me) return <AccountPending />
  if (!membership) return <Empty text={`加入村（社区）后才能${what}`} />
  return <>{children(membership)}</>
}
