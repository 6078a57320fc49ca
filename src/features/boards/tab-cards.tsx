/** What the boards feature adds to the tab pages: 首页's 红黑榜 card (with my household's notice), 我的's 四会 membership. */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Card, Row, Tag } from '@/shared/ui'
import { getMine, listCouncils } from './api'

export function BoardsHomeCard({ membership }: { membership: MembershipView }) {
  const mine = useQuery(() => getMine(membership.villageId), [membership.villageId])
  useReloadOnShow(mine)
  const notices = mine.data?.entries.filter((e) => e.can.appeal).length ?? 0
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <Card>
      <Row label='红黑榜 · 善行义举榜' onClick={() => go(pageUrl('boards.board'))}>
        <Text className='vh-muted'>本月榜单</Text>
      </Row>
      {notices > 0 && (
        <Row label='我家的公示' onClick={() => go(pageUrl('boards.mine'))}>
          <Tag tone='red'>{`${notices} 条待核实`}</Tag>
        </Row>
      )}
      {membership.roles.includes('committee') && (
        <Row label='榜单管理' onClick={() => go(pageUrl('boards.manage'))}>
          <Text className='vh-muted'>新建、告知、申诉</Text>
        </Row>
      )}
    </Card>
  )
}

/** 我的: the 四会 I belong to; a 道德评议会 member finds the nominations to review. Nothing when I belong to none. */
export function MyCouncilsCard({ membership }: { membership: MembershipView | null }) {
  const villageId = membership?.villageId ?? ''
  const personId = membership?.personId ?? ''
  const councils = useQuery(() => listCouncils(villageId, personId), [villageId, personId], Boolean(membership))
  const mine = (councils.data ?? []).filter((c) => c.members.some((m) => m.personId === personId))
  if (!mine.length) return null
  return (
    <Card title='四会'>
      {mine.map((c) =>
        c.council === 'moral' ? (
          <Row key={c.council} label={`${c.label}成员`} onClick={() => void Taro.navigateTo({ url: pageUrl('boards.nominations') })}>
            <Text className='vh-muted'>评议好人好事推荐</Text>
          </Row>
        ) : (
          <Row key={c.council} label={`${c.label}成员`} />
        ),
      )}
    </Card>
  )
}
