import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { Empty, Page } from '@/shared/ui'
import { AccountPending } from '@/features/account/components/account-pending'
import { useCurrentMembership } from '@/features/account/store'
import { useEnsureAccount } from '@/features/account/use-account-on-show'
import './boards.scss'

export const isCommittee = (m: MembershipView | null) => !!m?.roles.includes('committee')

/**
 * Every boards page in its frame: waits for the account (pages open cold from a share card or a notice),
 * asks outsiders to join, and with `committee` tells others plainly that only the committee may do this.
 */
export function BoardsPage({ what, committee, className, children }: { what: string; committee?: boolean; className?: string; children: (m: MembershipView) => ReactNode }) {
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  let body: ReactNode
  if (!account.me) body = <AccountPending />
  else if (!membership) body = <Empty text={`加入您所在的村（社区）后才能${what}`} />
  else if (committee && !isCommittee(membership)) body = <Empty text={`只有村（居）委会成员可以${what}`} />
  else body = children(membership)
  return <Page className={className}>{body}</Page>
}
