/** What the account feature adds to the tab pages: the frame that waits for the account, and its cards and rows. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { Me, MembershipView } from '@contract'
import { villageWords } from '@contract/tables'
import { pageUrl } from '@/routes'
import { isLocalMode } from '@/shared/api/identity'
import { Async, Button, Card, Page, Row, Tag } from '@/shared/ui'
import { badgeText, type TabKey } from '@/shared/tab-bar/store'
import { AccountPending } from './components/account-pending'
import { JoinPrompt } from './components/join-prompt'
import { RoleTags } from './components/role-tags'
import { useAccount, useCurrentMembership } from './store'
import { useAccountOnShow } from './use-account-on-show'

const go = (key: Parameters<typeof pageUrl>[0]) => void Taro.navigateTo({ url: pageUrl(key) })

/** A tab page: refreshes the account each time it is shown and waits for it; then the person and the village they act in. */
export function AccountTab({ tab, children }: { tab: TabKey; children: (me: Me, membership: MembershipView | null) => ReactNode }) {
  const home = tab === 'home'
  const account = useAccountOnShow(home)
  const membership = useCurrentMembership()
  return <Page tab={tab}>{account.me ? children(account.me, membership) : <AccountPending home={home} />}</Page>
}

/** 首页: the village and who I am in it. */
export function WelcomeCard({ membership }: { membership: MembershipView }) {
  return (
    <Card title={membership.village.name} extra={<Text className='vh-muted'>{membership.village.place}</Text>}>
      <Text style={{ display: 'block' }}>{`${membership.name}，您好！`}</Text>
      <RoleTags membership={membership} kind={membership.village.kind} />
    </Card>
  )
}

/** 首页: the village in figures (the committee's queues are in the 待办 card), read with the account (home.open). */
export function VillageOverviewCards({ membership }: { membership: MembershipView }) {
  const { figures, loading, error, load } = useAccount()
  const counts = figures?.villageId === membership.villageId ? figures.counts : undefined
  return (
    <Async query={{ data: counts, loading, error, reload: () => load({ home: true }) }}>
      {(counts) => (
        <Card title={membership.village.kind === 'community' ? '社区概况' : '本村概况'}>
          <View className='vh-stat'>
            <View>
              <Text className='vh-stat__num'>{counts.households}</Text>
              <Text>户</Text>
            </View>
            <View>
              <Text className='vh-stat__num'>{counts.members}</Text>
              <Text>人已加入</Text>
            </View>
            <View>
              <Text className='vh-stat__num'>{counts.grids}</Text>
              <Text>个网格</Text>
            </View>
            <View>
              <Text className='vh-stat__num'>{counts.partyMembers}</Text>
              <Text>名党员</Text>
            </View>
          </View>
        </Card>
      )}
    </Async>
  )
}

/** 首页: unread notices, when there are any. */
export function UnreadCard({ me }: { me: Me }) {
  if (me.unread <= 0) return null
  return (
    <Card>
      <Row label='未读消息' onClick={() => go('account.notifications')}>
        <Text className='vh-tag vh-tag--red'>{`${badgeText(me.unread)} 条`}</Text>
      </Row>
    </Card>
  )
}

/** 首页: a person in several villages switches in 我的. */
export function SwitchVillageButton({ me }: { me: Me }) {
  if (me.memberships.length <= 1) return null
  return (
    <Button kind='plain' block onClick={() => Taro.switchTab({ url: pageUrl('me') })}>
      在「我的」中切换村（社区）
    </Button>
  )
}

/** 我的: my villages (the current one marked, the others to switch to), and joining another. */
export function MembershipsCard({ me, current }: { me: Me; current: MembershipView | null }) {
  return (
    <Card title={me.person?.name ?? '尚未加入村（社区）'}>
      {me.memberships.length === 0 && <JoinPrompt identityLink={false} />}
      {me.memberships.map((m) => (
        <View key={m._id} className='vh-row'>
          <View style={{ flex: 1 }}>
            <Text>{m.village.name}</Text>
            {m.villageId === current?.villageId && <Tag tone='red'>当前</Tag>}
            <View>
              <RoleTags membership={m} kind={m.village.kind} />
            </View>
          </View>
          {m.villageId !== current?.villageId && (
            <Button onClick={() => useAccount.getState().switchVillage(m.villageId)}>{`切换到${m.village.name}`}</Button>
          )}
        </View>
      ))}
      {me.memberships.length > 0 && (
        <Button kind='plain' onClick={() => go('account.join')}>
          申请加入其他村（社区）
        </Button>
      )}
    </Card>
  )
}

/** 我的: the committee's work, 入村审核 and the village's QR poster. */
export function CommitteeWorkCard({ membership }: { membership: MembershipView | null }) {
  if (!membership?.roles.includes('committee')) return null
  const { committee, people, here } = villageWords(membership.village.kind)
  return (
    <Card title={`${committee}工作`}>
      <Row label='入村审核' onClick={() => go('account.requests')} />
      <Row label={`${people}户籍（户代表、户主、网格、注销）`} onClick={() => go('account.register')} />
      <Row label='注销个人信息申请' onClick={() => go('account.deletions')} />
      <Row label='操作记录（谁做了什么，可校验）' onClick={() => go('audit.log')} />
      <Row label={`${here}二维码海报（打印贴在服务中心，扫码申请加入）`} onClick={() => go('account.poster')} />
    </Card>
  )
}

/** 我的: the town officer's view of the village (the committee's card has its own link). */
export function TownWorkCard({ membership }: { membership: MembershipView | null }) {
  if (!membership?.roles.includes('townOfficer') || membership.roles.includes('committee')) return null
  return (
    <Card title='镇街工作'>
      <Row label='本村操作记录（谁做了什么，可校验）' onClick={() => go('audit.log')} />
    </Card>
  )
}

/** 我的: everything held about me, export and deletion. */
export function MyDataRow({ me }: { me: Me }) {
  if (!me.person) return null
  return <Row label='我的个人信息（查看、导出、注销）' onClick={() => go('account.myData')} />
}

/** 我的: what I did in my village (votes with receipts, comments, proposals, agreements, bookings, reports). */
export function MyRecordRow({ membership }: { membership: MembershipView | null }) {
  if (!membership) return null
  return <Row label='我的记录（投票、评论、提议、预约、随手拍）' onClick={() => go('account.record')} />
}

/** 我的: notices, with how many are unread. */
export function NotificationsRow({ me }: { me: Me }) {
  return (
    <Row label='消息通知' onClick={() => go('account.notifications')}>
      {me.unread > 0 && <Tag tone='red'>{`${badgeText(me.unread)} 条未读`}</Tag>}
    </Row>
  )
}

/** 我的: the demo identity picker, in the local runtime only. */
export function IdentityRow({ me }: { me: Me }) {
  if (!isLocalMode()) return null
  return (
    <Row label='切换体验身份（本地演示）' onClick={() => go('account.identity')}>
      <Text className='vh-muted'>{me.person?.name ?? '新访客'}</Text>
    </Row>
  )
}
