import type { RuleVersionState } from '@contract/tables'
import { RULE_VERSION_LABELS, ruleVersionState } from '@contract/tables'
import { Tag } from '@/shared/ui'

const TONES: Record<RuleVersionState, 'gold' | 'red' | 'grey'> = { draft: 'gold', current: 'red', superseded: 'grey' }

/** 草稿 / 现行 / 已废止 */
export function VersionTag({ version }: { version: Parameters<typeof ruleVersionState>[0] }) {
  const state = ruleVersionState(version)
  return <Tag tone={TONES[state]}>{RULE_VERSION_LABELS[state]}</Tag>
}
