/** Every mailbox page's frame: the page, the village of its ?villageId= (a notice opens it), and who it is for. */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { VillageGate } from '@/features/account/components/village-gate'
import { usePageParam } from '@/shared/page-params'
import { Page } from '@/shared/ui'

export function MailboxPage({ what, allow, refused, children }: { what: string; allow?: (m: MembershipView) => boolean; refused?: string; children: (m: MembershipView) => ReactNode }) {
  const villageId = usePageParam('villageId')
  return (
    <Page>
      <VillageGate villageId={villageId} what={what} allow={allow} refused={refused ?? `只有村（居）委会可以${what}`}>
        {children}
      </VillageGate>
    </Page>
  )
}
