import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { useQuery } from '@/shared/api/use-query'
import { formatTime } from '@/shared/time'
import { Async, Card, Empty, Page, pressable } from '@/shared/ui'
import { getNotifications, markNotificationsRead } from '../../api'
import { useAccount } from '../../store'

/** A notice's page: built by the server with pageUrl() ('/features/…?…'); older notices lack the leading '/'. A tab page needs switchTab. */
function open(page: string) {
  const url = page.startsWith('/') ? page : `/${page}`
  void Taro.navigateTo({ url }).catch(() => Taro.switchTab({ url }))
}

/** 消息通知: what the committee decided, what waits for me. Opening the list marks it read. */
export default function NotificationsPage() {
  const list = useQuery(getNotifications, [])
  useEffect(() => {
    const unread = list.data?.filter((n) => !n.read).map((n) => n._id) ?? []
    if (unread.length) void markNotificationsRead(unread).then(() => useAccount.getState().load())
  }, [list.data])
  return (
    <Page>
      <Async query={list} isEmpty={(items) => !items.length} empty={<Empty text='暂无消息' />}>
        {(items) => (
          <>
            {items.map((n) => (
              <View key={n._id} {...pressable(() => n.page && open(n.page))}>
                <Card title={`${n.read ? '' : '● '}${n.title}`} extra={<Text className='vh-muted'>{formatTime(n.createdAt)}</Text>}>
                  <Text>{n.body}</Text>
                </Card>
              </View>
            ))}
          </>
        )}
      </Async>
    </Page>
  )
}
