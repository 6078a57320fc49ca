/**
 * The committee: open reports that cluster (one category, one place or grid, within weeks) — each can be turned
 * into one draft topic with the reports linked (topics.fromReports), which opens in the topic editor to finish.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReportCluster } from '@contract'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { Alert, Async, Button, Card, Empty } from '@/shared/ui'
import { getClusters, topicFromReports } from '../api'
import { ReportItem } from './report-item'
import { useVillageWords, type VillageWords } from '@/features/account/words'

/** the draft's words, for the committee to edit in the topic editor */
export const clusterTopic = (c: ReportCluster, words: Pick<VillageWords, 'committee' | 'people'>) => ({
  title: `${c.where}${c.category}问题整治`.slice(0, 40),
  question: `是否同意由${words.committee}牵头整治${c.where}的${c.category}问题（${words.people}已上报${c.reports.length}次）？`.slice(0, 200),
})

export function ClustersCard({ villageId }: { villageId: string }) {
  const clusters = useQuery(() => getClusters(villageId), [villageId])
  const words = useVillageWords()
  const turning = useMutation(
    (c: ReportCluster) => {
      const t = clusterTopic(c, words)
      return topicFromReports(villageId, c.reports.map((r) => r.id), t.title, t.question)
    },
    { success: '已生成议题草稿', onSuccess: (d) => Taro.navigateTo({ url: pageUrl('deliberation.edit', { topicId: d.topic._id }) }) },
  )
  return (
    <Card title='反复出现的问题'>
      <Text className='vh-muted vh-block'>{`同一地点、同一类问题近几周多次上报，可以转为议题，请${words.people}一起商量怎么解决。`}</Text>
      <Async query={clusters} isEmpty={(cs) => cs.length === 0} empty={<Empty text='暂时没有反复出现的问题' />}>
        {(cs) => (
          <>
            {cs.map((c) => (
              <View key={`${c.category}:${c.where}`}>
                <Text className='rp-event__title'>{`${c.where} · ${c.category} · ${c.reports.length}次`}</Text>
                {c.reports.map((r) => (
                  <ReportItem key={r.id} report={r} villageId={villageId} />
                ))}
                <Button kind='primary' loading={turning.pending?.[0] === c} disabled={turning.busy} onClick={() => void turning.run(c)}>
                  转为议题
                </Button>
              </View>
            ))}
          </>
        )}
      </Async>
      <Alert message={turning.error} />
    </Card>
  )
}
