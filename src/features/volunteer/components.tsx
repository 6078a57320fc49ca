/** The volunteer pages' frame (the village of ?villageId=) and an activity's card. */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ActivityCard, MembershipView } from '@contract'
import { ACTIVITY_PHASE_LABELS, SIGNUP_STATUS_LABELS } from '@contract/tables'
import { VillageGate } from '@/features/account/components/village-gate'
import { usePageParam } from '@/shared/page-params'
import { Card, Page, pressable, Tag } from '@/shared/ui'
import { periodText, STATUS_TONE } from './labels'
import { useVillageWords } from '@/features/account/words'

export function VolunteerPage({ what, villageId, className, children }: { what: string; villageId?: string; className?: string; children: (m: MembershipView) => ReactNode }) {
  const param = usePageParam('villageId')
  const { here } = useVillageWords()
  return (
    <Page className={className}>
      <VillageGate villageId={villageId ?? param} what={what} refused={`只有${here}成员可以${what}`}>
        {children}
      </VillageGate>
    </Page>
  )
}

export function ActivityItem({ activity: a, onClick }: { activity: ActivityCard; onClick?: () => void }) {
  return (
    <View {...pressable(onClick)}>
      <Card title={a.title} extra={<Tag tone={a.phase === 'upcoming' ? 'green' : 'grey'}>{ACTIVITY_PHASE_LABELS[a.phase]}</Tag>}>
        <View>
          <Text className='vh-muted'>{`${periodText(a)} · ${a.place}`}</Text>
        </View>
        <View>
          <Text className='vh-muted'>{`${a.orgName} · 已报名 ${a.signedUp}/${a.capacity}${a.waitlist ? ` · 候补 ${a.waitlist}` : ''}`}</Text>
          {a.myStatus && <Tag tone={STATUS_TONE[a.myStatus]}>{SIGNUP_STATUS_LABELS[a.myStatus]}</Tag>}
        </View>
      </Card>
    </View>
  )
}
