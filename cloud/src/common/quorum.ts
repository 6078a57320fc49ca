/**
 * The quorum of the 村民委员会组织法, shared by deliberation (a topic's turnout) and the town's workspace (every
 * village's open topics at once): participants needed for a valid decision — more than half of the persons who
 * may vote, or at least two thirds of the households. Never less than one.
 */
export function quorumNeeded(mode: 'person' | 'household', eligible: number): number {
  const n = mode === 'person' ? Math.floor(eligible / 2) + 1 : Math.ceil((eligible * 2) / 3)
  return Math.max(1, n)
}
