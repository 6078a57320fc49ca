import type { JoinStatus, Membership } from '@contract'
import { roleWord } from '@contract/tables'

/** the words are the contract's JOIN_STATUS_LABELS */
export const JOIN_STATUS_TONES = { pending: 'gold', approved: 'green', rejected: 'red' } as const satisfies Record<JoinStatus, string>

/** 村民、户代表、党员… in the order people read them */
export function roleLabels(m: Pick<Membership, 'roles' | 'partyMember'>, villageKind: 'village' | 'community' = 'village'): string[] {
  const labels = m.roles.map((r) => roleWord(r, villageKind))
  return m.partyMember ? [...labels, '党员'] : labels
}
