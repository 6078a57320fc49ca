import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { Async, Button, Card, Page, Row } from '@/shared/ui'
import { getVillageOverview } from '@/features/account/api'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { JoinRequestsStatus } from '@/features/account/components/join-requests-status'
import { RoleTags } from '@/features/account/components/role-tags'
import { useCurrentMembership } from '@/features/account/store'
import { useAccountOnShow } from '@/features/account/use-account-on-show'
import { RulesStatusCard } from '@/features/rules/components/rules-status-card'
import { AccountPending } from '@/features/account/components/account-pending'

export default function HomePage() {
  const account = useAccountOnShow()
  const membership = useCurrentMembership()
  const overview = useQuery(() => getVillageOverview(membership!.villageId), [membership?.villageId], Boolean(membership))

  if (!account.me) return <Page><AccountPending /></Page>
  const me = account.me
  const pendingElsewhere = me.requests.filter((r) => r.status !== 'approved')
  return (
    <Page>
      {!membership ? (
        <>
          <JoinPrompt />
          <JoinRequestsStatus requests={me.requests} />
        </>
      ) : (
        <>
          <Card title={membership.village.name} extra={<Text className='vh-muted'>{membership.village.place}</Text>}>
            <Text style={{ display: 'block' }}>{`${membership.name}，您好！`}</Text>
            <RoleTags membership={membership} kind={membership.village.kind} />
          </Card>
          <RulesStatusCard villageId={membership.villageId} />
          <Async query={overview}>
            {(o) => (
              <>
                <Card title={membership.village.kind === 'community' ? '社区概况' : '本村概况'}>
                  <View className='vh-stat'>
                    <View>
                      <Text className='vh-stat__num'>{o.counts.households}</Text>
                      <Text>户</Text>
                    </View>
                    <View>
                      <Text className='vh-stat__num'>{o.counts.members}</Text>
                      <Text>人已加入</Text>
                    </View>
                    <View>
                      <Text className='vh-stat__num'>{o.counts.grids}</Text>
                      <Text>个网格</Text>
                    </View>
                    <View>
                      <Text className='vh-stat__num'>{o.counts.partyMembers}</Text>
                      <Text>名党员</Text>
                    </View>
                  </View>
                </Card>
                {o.pendingRequests !== null && (
                  <Card title='村（居）委会待办'>
                    <Row label='入村申请待审核' onClick={() => Taro.navigateTo({ url: pageUrl('account.requests') })}>
                      <Text className={o.pendingRequests ? 'vh-tag vh-tag--red' : ''}>{`${o.pendingRequests} 件`}</Text>
                    </Row>
                  </Card>
                )}
              </>
            )}
          </Async>
          {me.unread > 0 && (
            <Card>
              <Row label='未读消息' onClick={() => Taro.navigateTo({ url: pageUrl('account.notifications') })}>
                <Text className='vh-tag vh-tag--red'>{`${me.unread} 条`}</Text>
              </Row>
            </Card>
          )}
          <JoinRequestsStatus requests={pendingElsewhere} />
        </>
      )}
      {me.memberships.length > 1 && (
        <Button kind='plain' block onClick={() => Taro.switchTab({ url: pageUrl('me') })}>
          在「我的」中切换村（社区）
        </Button>
      )}
    </Page>
  )
}
