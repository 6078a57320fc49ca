import { Text, View } from '@tarojs/components'
import type { RuleAdoption } from '@contract'

/** How the assembly adopted a version: shown with the rules, as the law asks. */
export function AdoptionRecord({ adoption, effectiveDate }: { adoption: RuleAdoption; effectiveDate: string | null }) {
  const a = adoption
  return (
    <View className='vh-muted'>
      {a.meeting && a.date ? (
        <Text style={{ display: 'block' }}>
          {`${a.date} 经${a.meeting}表决通过：应到 ${a.totalEligible ?? '—'} 人，实到 ${a.attendance ?? '—'} 人；赞成 ${a.votesFor ?? '—'}，反对 ${a.votesAgainst ?? '—'}，弃权 ${a.abstain ?? '—'}`}
        </Text>
      ) : (
        <Text style={{ display: 'block' }}>表决情况尚未填写</Text>
      )}
      {effectiveDate && <Text style={{ display: 'block' }}>{`自 ${effectiveDate} 起施行`}</Text>}
    </View>
  )
}
