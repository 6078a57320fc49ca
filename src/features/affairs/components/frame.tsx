/** Every 村务公开 page's frame: the page and the village of its ?villageId= (a notice opens it). */
import type { ReactNode } from 'react'
import type { MembershipView } from '@contract'
import { VillageGate } from '@/features/account/components/village-gate'
import { usePageParam } from '@/shared/page-params'
import { Page } from '@/shared/ui'
import { useVillageWords } from '@/features/account/words'

export function AffairsPage({ what, committeeOnly, children }: { what: string; committeeOnly?: boolean; children: (m: MembershipView) => ReactNode }) {
  const { committee } = useVillageWords()
  const villageId = usePageParam('villageId')
  return (
    <Page>
      <VillageGate villageId={villageId} what={what} allow={committeeOnly ? (m) => m.roles.includes('committee') : undefined} refused={`只有${committee}可以${what}`}>
        {children}
      </VillageGate>
    </Page>
  )
}
