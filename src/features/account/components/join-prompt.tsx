import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pageUrl } from '@/routes'
import { isLocalMode } from '@/shared/api/identity'
import { Button, Card } from '@/shared/ui'

/** Shown wherever a page needs a village and the person has none yet. */
export function JoinPrompt({
  text = '加入您所在的村（社区）后，就可以参与议事、查看村务、预约服务。',
  identityLink = true,
}: {
  text?: string
  /** 我的 has its own identity row */
  identityLink?: boolean
}) {
  return (
    <Card title='欢迎来到村居议事厅'>
      <Text style={{ display: 'block' }}>{text}</Text>
      <Button kind='primary' block onClick={() => Taro.navigateTo({ url: pageUrl('account.join') })}>
        申请加入村（社区）
      </Button>
      {identityLink && isLocalMode() && (
        <Button kind='plain' block onClick={() => Taro.navigateTo({ url: pageUrl('account.identity') })}>
          切换体验身份（本地演示）
        </Button>
      )}
    </Card>
  )
}
