import type { Membership, VillageKind } from '@contract'
import { Tag } from '@/shared/ui'
import { roleLabels } from '../labels'

export function RoleTags({ membership, kind }: { membership: Pick<Membership, 'roles' | 'partyMember'>; kind?: VillageKind }) {
  return (
    <>
      {roleLabels(membership, kind).map((label) => (
        <Tag key={label} tone={label === '党员' ? 'red' : label === '村民' || label === '居民' ? 'grey' : 'gold'}>
          {label}
        </Tag>
      ))}
    </>
  )
}
