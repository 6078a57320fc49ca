import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Empty } from '@/shared/ui'
import { getMine } from '../../api'
import { MailboxPage } from '../../components/frame'
import { LetterItem } from '../../components/letter-item'
import { useVillageWords } from '@/features/account/words'

/** 我的来信 (?villageId=): my letters with their states, newest first. */
export default function MinePage() {
  return <MailboxPage what='查看我的来信'>{(m) => <Mine membership={m} />}</MailboxPage>
}

function Mine({ membership }: { membership: MembershipView }) {
  const { committee } = useVillageWords()
  const villageId = membership.villageId
  const query = useQuery(() => getMine(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const write = () => void Taro.navigateTo({ url: pageUrl('mailbox.write', { villageId }) })
  return (
    <>
      <Async query={query} isEmpty={(d) => d.length === 0} empty={<Empty text={`还没有写过信。有事想问${committee}，写封信吧`} />}>
        {(d) => (
          <>
            {d.map((l) => (
              <LetterItem key={l.id} letter={l} villageId={villageId} />
            ))}
          </>
        )}
      </Async>
      <Button kind='primary' block onClick={write}>
        写信
      </Button>
    </>
  )
}
