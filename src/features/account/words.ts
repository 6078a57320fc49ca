import type { VillageKind } from '@contract'
import { notResidentReason, villageWords, type VillageWords as Words } from '@contract/tables'
import { useCurrentMembership } from './store'

export interface VillageWords extends Words {
  /** why someone who serves the village cannot do `what`: 您不是本村村民，不能投票 */
  notResident: (what: string) => string
}

/**
 * The words of a village: 村委会 and 村民 in a village, 居委会 and 居民 in a community.
 * For the given kind, else the village the person acts in (a village when they have none yet).
 */
export function useVillageWords(kind?: VillageKind): VillageWords {
  const current = useCurrentMembership()?.village.kind
  const k = kind ?? current ?? 'village'
  return { ...villageWords(k), notResident: (what) => notResidentReason(k, what) }
}
