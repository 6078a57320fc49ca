/** What the rules feature adds to the tab pages. */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Button, Card, Row, Tag } from '@/shared/ui'
import { getRulesStatus } from './api'

/** 首页: asks the resident to read and agree when a version they have not agreed to is in force. */
export function RulesHomeCard({ villageId }: { villageId: string }) {
  const status = useQuery(() => getRulesStatus(villageId), [villageId])
  // back from the rules page after agreeing: ask again
  useReloadOnShow(status)
  const s = status.data
  if (!s || s.currentVersion === null) return null
  const open = () => Taro.navigateTo({ url: pageUrl('rules.read') })
  if (s.needsAgreement) {
    return (
      <Card title={s.word} extra={<Tag tone='red'>待承诺</Tag>}>
        <Text style={{ display: 'block' }}>
          {s.myVersion ? `《${s.title}》已更新为第${s.currentVersion}版，请阅读改动并重新承诺遵守。` : `请阅读《${s.title}》（第${s.currentVersion}版）并承诺遵守。`}
        </Text>
        <Button kind='primary' block onClick={open}>
          {s.myVersion ? '查看改动并承诺' : '阅读并承诺'}
        </Button>
      </Card>
    )
  }
  return (
    <Card>
      <Row label={s.word} onClick={open}>
        <Text className='vh-muted'>{s.myVersion === s.currentVersion ? `第${s.currentVersion}版 · 已承诺` : `第${s.currentVersion}版`}</Text>
      </Row>
    </Card>
  )
}
