import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { getDemoOpenid, setDemoOpenid, VISITOR_PREFIX } from '@/shared/api/identity'
import { useQuery } from '@/shared/api/use-query'
import { Async, Card, Empty, Page, pressable, Tag } from '@/shared/ui'
import { pageUrl } from '@/routes'
import { getDemoIdentities } from '../../api'
import { useAccount } from '../../store'

/** 体验身份: local mode only. Sign in as any demo person of the seeded village world. */
export default function IdentityPage() {
  const list = useQuery(getDemoIdentities, [])
  const current = getDemoOpenid()
  async function pick(openid: string) {
    setDemoOpenid(openid)
    useAccount.getState().reset()
    await useAccount.getState().load()
    Taro.switchTab({ url: pageUrl('home') })
  }
  return (
    <Page>
      <View className='vh-title'>切换体验身份</View>
      <Text className='vh-muted' style={{ display: 'block', marginBottom: '0.6em' }}>
        仅在本地演示模式中提供。在微信里，身份来自您的微信账号。
      </Text>
      <Async query={list} isEmpty={(items) => !items.length} empty={<Empty text='没有演示人员' />}>
        {(items) => (
          <>
            <View {...pressable(() => pick(`${VISITOR_PREFIX}${Date.now().toString(36)}`))}>
              <Card title='新访客' extra={current.startsWith(VISITOR_PREFIX) ? <Tag tone='red'>当前</Tag> : undefined}>
                <Text className='vh-muted'>像第一次打开小程序的村民一样，从申请加入开始</Text>
              </Card>
            </View>
            {items.map((p) => (
              <View key={p.openid} {...pressable(() => pick(p.openid))}>
                <Card title={p.name} extra={p.openid === current ? <Tag tone='red'>当前</Tag> : undefined}>
                  <Text className='vh-muted'>{p.summary}</Text>
                </Card>
              </View>
            ))}
          </>
        )}
      </Async>
    </Page>
  )
}
