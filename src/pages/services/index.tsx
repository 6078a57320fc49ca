import { Text } from '@tarojs/components'
import { useQuery } from '@/shared/api/use-query'
import { Async, Card, Empty, Page, Row, Tag } from '@/shared/ui'
import { getVillageOverview } from '@/features/account/api'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { useCurrentMembership } from '@/features/account/store'
import { useAccountOnShow } from '@/features/account/use-account-on-show'
import { AccountPending } from '@/features/account/components/account-pending'

/** 服务: the village's service hall (党群服务中心), and for hall staff the hall they work in. */
export default function ServicesPage() {
  const account = useAccountOnShow()
  const membership = useCurrentMembership()
  const overview = useQuery(() => getVillageOverview(membership!.villageId), [membership?.villageId], Boolean(membership))
  if (!account.me) return <Page><AccountPending /></Page>
  if (!membership) {
    return (
      <Page>
        <JoinPrompt text='加入您所在的村（社区）后，就可以查看服务中心、预约长者饭堂和服务站。' />
      </Page>
    )
  }
  return (
    <Page>
      <Async query={overview} isEmpty={(o) => !o.halls.length} empty={<Empty text='本村（社区）尚未登记服务中心' />}>
        {(o) => (
          <>
            {o.halls.map((h) => (
              <Card key={h._id} title={h.name} extra={membership.hallId === h._id ? <Tag tone='gold'>我在此工作</Tag> : undefined}>
                <Row label='地址'>
                  <Text>{h.address}</Text>
                </Row>
              </Card>
            ))}
          </>
        )}
      </Async>
    </Page>
  )
}
