import type { VillageKind } from '@contract'
import { committeeWord, peopleWord } from '@contract/tables'
import { useCurrentMembership } from './store'

/**
 * The words of a village: 村委会 and 村民 in a village, 居委会 and 居民 in a community.
 * For the given kind, else the village the person acts in (a village when they have none yet).
 */
export function useVillageWords(kind?: VillageKind): { committee: string; people: string; here: string } {
  const current = useCurrentMembership()?.village.kind
  const k = kind ?? current ?? 'village'
  return { committee: committeeWord(k), people: peopleWord(k), here: k === 'community' ? '本社区' : '本村' }
}
