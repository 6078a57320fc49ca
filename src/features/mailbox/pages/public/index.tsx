import { Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { formatTime } from '@/shared/time'
import { Async, Button, Card, Empty, pressable } from '@/shared/ui'
import { getPublic } from '../../api'
import { MailboxPage } from '../../components/frame'

/** 公开来信 (?villageId=): letters and their replies made public with the writers' consent, newest first. */
export default function PublicPage() {
  return <MailboxPage what='查看公开来信'>{(m) => <PublicLetters membership={m} />}</MailboxPage>
}

function PublicLetters({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getPublic(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const open = (letterId: string) => void Taro.navigateTo({ url: pageUrl('mailbox.letter', { villageId, letterId }) })
  return (
    <>
      <Async query={query} isEmpty={(d) => d.length === 0} empty={<Empty text='还没有公开的来信' />}>
        {(d) => (
          <>
            {d.map((l) => (
              <Card key={l.id} title={l.subject}>
                <Text className='vh-block' {...pressable(() => open(l.id))}>
                  {l.text}
                </Text>
                <Text className='vh-muted vh-block'>{`${l.writerName ?? '村民来信'} · ${formatTime(l.createdAt)}`}</Text>
                {l.reply && <Text className='vh-block'>{`答复：${l.reply.text}`}</Text>}
                {l.rating !== null && <Text className='vh-muted vh-block'>{`来信人评分${l.rating}星`}</Text>}
              </Card>
            ))}
          </>
        )}
      </Async>
      <Button kind='primary' block onClick={() => void Taro.navigateTo({ url: pageUrl('mailbox.write', { villageId }) })}>
        我也要写信
      </Button>
    </>
  )
}
