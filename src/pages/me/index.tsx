import { Image, Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { isLocalMode } from '@/shared/api/identity'
import { useTheme } from '@/shared/theme'
import { Button, Card, FieldError, Page, Row, Tag } from '@/shared/ui'
import { getVillagePoster } from '@/features/account/api'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { JoinRequestsStatus } from '@/features/account/components/join-requests-status'
import { RoleTags } from '@/features/account/components/role-tags'
import { useAccount, useCurrentMembership } from '@/features/account/store'
import { useAccountOnShow } from '@/features/account/use-account-on-show'
import { AccountPending } from '@/features/account/components/account-pending'

export default function MePage() {
  const account = useAccountOnShow()
  const current = useCurrentMembership()
  const { elder, setElder } = useTheme()
  const [poster, setPoster] = useState<{ image: string } | null>(null)
  const posterCall = useMutation(getVillagePoster, { onSuccess: setPoster })
  const me = account.me

  return (
    <Page>
      {!me ? (
        <AccountPending />
      ) : (
        <>
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
              <Button kind='plain' onClick={() => Taro.navigateTo({ url: pageUrl('account.join') })}>
                申请加入其他村（社区）
              </Button>
            )}
          </Card>
          <JoinRequestsStatus requests={me.requests} />
          {current?.roles.includes('committee') && (
            <Card title='村（居）委会工作'>
              <Row label='入村审核' onClick={() => Taro.navigateTo({ url: pageUrl('account.requests') })} />
              <Row label='本村二维码（贴在服务中心，扫码申请加入）' onClick={() => void posterCall.run(current.villageId)} />
              {poster && <Image src={poster.image} style={{ width: '360px', height: '360px' }} showMenuByLongpress />}
              <FieldError message={posterCall.error ?? undefined} />
            </Card>
          )}
          <Card>
            <Row label='消息通知' onClick={() => Taro.navigateTo({ url: pageUrl('account.notifications') })}>
              {me.unread > 0 && <Tag tone='red'>{`${me.unread} 条未读`}</Tag>}
            </Row>
            <Row label='长辈模式（大字大按钮）'>
              <Switch checked={elder} color='#b71c1c' onChange={(e) => setElder(e.detail.value)} />
            </Row>
            {isLocalMode() && (
              <Row label='切换体验身份（本地演示）' onClick={() => Taro.navigateTo({ url: pageUrl('account.identity') })}>
                <Text className='vh-muted'>{me.person?.name ?? '新访客'}</Text>
              </Row>
            )}
          </Card>
        </>
      )}
    </Page>
  )
}
