/** Every workspace page's frame: the page, the village of its ?villageId=, and the role it is for. */
import type { ReactNode } from 'react'
import type { MembershipView, Role } from '@contract'
import { VillageGate } from '@/features/account/components/village-gate'
import { usePageParam } from '@/shared/page-params'
import { Page } from '@/shared/ui'

export function WorkspacePage({ what, role, refused, children }: { what: string; role: Role; refused: string; children: (m: MembershipView) => ReactNode }) {
  const villageId = usePageParam('villageId')
  return (
    <Page>
      <VillageGate villageId={villageId} what={what} allow={(m) => m.roles.includes(role)} refused={refused}>
        {children}
      </VillageGate>
    </Page>
  )
}
