import { Text, View } from '@tarojs/components'
import type { MembershipView } from '@contract'
import { useQuery } from '@/shared/api/use-query'
import { Async, Card, Empty } from '@/shared/ui'
import { getRanking } from '../../api'
import { BoardsPage } from '../../components/gate'

/** 路段排名: the red board's running tally per road section, most points first. */
export default function RankingPage() {
  return <BoardsPage what='查看路段排名'>{(m) => <Ranking membership={m} />}</BoardsPage>
}

function Ranking({ membership }: { membership: MembershipView }) {
  const query = useQuery(() => getRanking(membership.villageId), [membership.villageId])
  return (
    <View>
      <View className='vh-title'>{`${membership.village.name} · 路段排名`}</View>
      <Text className='vh-muted bd-block'>按各路段上红榜的累计积分排列（含已到期的条目）。</Text>
      <Async query={query} isEmpty={(rows) => rows.length === 0} empty={<Empty text='还没有路段上红榜' />}>
        {(rows) => (
          <Card>
            {[...rows]
              .sort((a, b) => b.points - a.points)
              .map((r, i) => (
                <View key={r.section} className='bd-rank'>
                  <Text className='bd-rank__no'>{i + 1}</Text>
                  <Text className='bd-rank__name'>{r.section}</Text>
                  <Text>{`${r.points} 分 · 上榜 ${r.entries} 次`}</Text>
                </View>
              ))}
          </Card>
        )}
      </Async>
    </View>
  )
}
