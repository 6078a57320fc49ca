import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { isCommittee, MemberGate } from '../../account/components/member-gate'
import { useVillageWords } from '@/features/account/words'

export { isCommittee }

/** The committee's pages: anyone else is told plainly what only the committee may do. */
export function CommitteeOnly({ what, children }: { what: string; children: (membership: MembershipView) => ReactNode }) {
  const { committee } = useVillageWords()
  return (
    <MemberGate notMember='加入村（社区）后才能参与议事' allow={isCommittee} refused={`只有${committee}成员可以${what}`}>
      {children}
    </MemberGate>
  )
}

/** Every member: others are asked to join first. */
export function MembersOnly({ what, children }: { what: string; children: (membership: MembershipView) => ReactNode }) {
  return <MemberGate notMember={`加入村（社区）后才能${what}`}>{children}</MemberGate>
}
