/** 首页's 待办: what waits for me, and for my role, each with its count; tapping one opens its page. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView, TodoGroup, TodoItem } from '@contract'
import { committeeWord } from '@contract/tables'
import { tabPages } from '@/routes'
import { takePrefetched, takeSettled } from '@/shared/api/prefetch'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Card, Row } from '@/shared/ui'
import { getTodo } from '../api'
import { todoKey } from '../store'

type Todo = Awaited<ReturnType<typeof getTodo>>
/** 待办 drawn from an answer already in is not asked again by a show this soon after (the page's first) */
const JUST_DRAWN_MS = 3000

const TAB_URLS = new Set(Object.values(tabPages).map((p) => `/${p}`))

/** a tab page is switched to (navigateTo refuses one) */
export function openPage(url: string) {
  void (TAB_URLS.has(url) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))
}

/** how an item is counted where 件 does not fit */
const UNITS: Record<string, string> = { votes: '个', bookings: '个', notAgreed: '户', hallCheckIn: '人', hallWaitlist: '人', canteenTomorrow: '份', townLetters: '封', townQuorum: '个' }

function TodoRow({ item }: { item: TodoItem }) {
  const label = item.note ? (
    <>
      {item.label}
      <Text className='vh-muted' style={{ display: 'block', fontSize: '0.85em' }}>
        {item.note}
      </Text>
    </>
  ) : (
    item.label
  )
  return (
    <Row label={label} onClick={() => openPage(item.page)}>
      <Text className={item.count ? 'vh-tag vh-tag--red' : 'vh-muted'} style={{ whiteSpace: 'nowrap' }}>{`${item.count} ${UNITS[item.key] ?? '件'}`}</Text>
    </Row>
  )
}

export function TodoCard({ membership }: { membership: MembershipView }) {
  // 首页's account call started it already (the village it last acted in), else it goes now; an answer already in is
  // drawn at once (the first show just after need not ask again)
  const [early] = useState(() => ({ todo: takeSettled<Todo>(todoKey(membership.villageId)), at: Date.now() }))
  const todo = useQuery(() => takePrefetched<Todo>(todoKey(membership.villageId)) ?? getTodo(membership.villageId), [membership.villageId], true, early.todo)
  useReloadOnShow({ loading: todo.loading, reload: () => (early.todo && Date.now() - early.at < JUST_DRAWN_MS ? undefined : todo.reload()) })
  const titles: Record<TodoGroup, string> = { mine: '我的待办', committee: `${committeeWord(membership.village.kind)}待办`, grid: '网格待办', hall: '服务中心待办', town: '镇街待办' }
  const resident = membership.roles.includes('resident')
  return (
    <Async query={todo}>
      {({ items }) => (
        <>
          {(['mine', 'committee', 'grid', 'hall', 'town'] as const).map((group) => {
            const mine = items.filter((i) => i.group === group)
            if (!mine.length && !(group === 'mine' && resident)) return null
            return (
              <Card key={group} title={titles[group]}>
                {mine.length ? (
                  mine.map((i) => <TodoRow key={i.key} item={i} />)
                ) : (
                  <View className='vh-row'>
                    <Text className='vh-muted'>暂无待办，有新的议题、预约和回复会通知您</Text>
                  </View>
                )}
              </Card>
            )
          })}
        </>
      )}
    </Async>
  )
}
