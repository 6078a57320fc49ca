import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { Page } from '@/shared/ui'
import { isCommittee, MemberGate } from '@/features/account/components/member-gate'
import './boards.scss'
import { useVillageWords } from '@/features/account/words'

export { isCommittee }

/** Every boards page in its frame; with `committee`, only the committee may use it. */
export function BoardsPage({ what, committee, className, children }: { what: string; committee?: boolean; className?: string; children: (m: MembershipView) => ReactNode }) {
  const words = useVillageWords()
  return (
    <Page className={className}>
      <MemberGate notMember={`加入您所在的村（社区）后才能${what}`} allow={committee ? isCommittee : undefined} refused={`只有${words.committee}成员可以${what}`}>
        {children}
      </MemberGate>
    </Page>
  )
}
