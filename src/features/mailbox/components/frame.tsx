/** Every mailbox page's frame: the page, the village of its ?villageId= (a notice opens it), and who it is for. */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { VillageGate } from '@/features/account/components/village-gate'
import { usePageParam } from '@/shared/page-params'
import { Page } from '@/shared/ui'
import { useVillageWords } from '@/features/account/words'

export function MailboxPage({ what, allow, refused, children }: { what: string; allow?: (m: MembershipView) => boolean; refused?: string; children: (m: MembershipView) => ReactNode }) {
  const { committee } = useVillageWords()
  const villageId = usePageParam('villageId')
  return (
    <Page>
      <VillageGate villageId={villageId} what={what} allow={allow} refused={refused ?? `只有${committee}可以${what}`}>
        {children}
      </VillageGate>
    </Page>
  )
}
