/** What 村务公开 adds to the tab pages: 首页's 村务公开 (unread notices, the 小微权力清单, 财务公开) and, for the committee, 发布公告. */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl, type PageKey } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Card, Row, Tag } from '@/shared/ui'
import { getNotices } from './api'
import { unreadText } from './components/notice-item'

const go = (key: PageKey, villageId: string) => void Taro.navigateTo({ url: pageUrl(key, { villageId }) })

export function AffairsHomeCard({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getNotices(villageId, null), [villageId])
  useReloadOnShow(query)
  const latest = query.data?.notices.find((n) => n.state === 'current')
  return (
    <Card title='村务公开'>
      <Row label='公告' onClick={() => go('affairs.notices', villageId)}>
        {query.data && (query.data.unread ? <Tag tone='red'>{`${unreadText(query.data.unread)} 条未读`}</Tag> : <Text className='vh-muted'>{latest ? latest.title : '暂无'}</Text>)}
      </Row>
      <Row label='小微权力清单' onClick={() => go('affairs.duties', villageId)}>
        <Text className='vh-muted'>办事指南 · 无证明事项</Text>
      </Row>
      <Row label='财务公开' onClick={() => go('affairs.finance', villageId)}>
        <Text className='vh-muted'>收支明细和图表</Text>
      </Row>
      {membership.roles.includes('committee') && <Row label='发布公告' onClick={() => go('affairs.publish', villageId)} />}
    </Card>
  )
}
