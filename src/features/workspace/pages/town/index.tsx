import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView, TownVillage } from '@contract'
import { rulesWord } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Card, Empty, Row, Tag } from '@/shared/ui'
import { getTownWorkspace } from '../../api'
import { WorkspacePage } from '../../components/frame'
import { Stats } from '../../components/stats'
import { shortDay, turnoutText } from '../../labels'

/** 镇街工作台 (?villageId=): every village of the officer's town at once, a card each. */
export default function TownPage() {
  return (
    <WorkspacePage what='查看全镇（街道）概况' role='townOfficer' refused='镇街工作台只对镇街干部开放'>
      {(m) => <Town membership={m} />}
    </WorkspacePage>
  )
}

const go = (url: string) => void Taro.navigateTo({ url })

function Town({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getTownWorkspace(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  return (
    <Async query={query} isEmpty={(t) => t.villages.length === 0} empty={<Empty text='本镇（街道）还没有村（社区）使用议事厅' />}>
      {(t) => (
        <>
          <View className='vh-title'>{`${t.townName} · ${t.villages.length}个村（社区） · ${shortDay(t.date)}`}</View>
          <Row label='全镇随手拍 · 逾期督办' onClick={() => go(pageUrl('reports.figures', { villageId }))} />
          {t.villages.map((v) => (
            <VillageCard key={v.villageId} village={v} />
          ))}
        </>
      )}
    </Async>
  )
}

function VillageCard({ village: v }: { village: TownVillage }) {
  const late = v.reports.overdue + v.letters.overdue
  return (
    <Card title={v.name} extra={late > 0 ? <Tag tone='red'>{`${late}件逾期`}</Tag> : <Tag tone='green'>无逾期</Tag>}>
      <Row label={rulesWord(v.kind)}>
        <Text>{v.rules ? `第${v.rules.number}版 · 已承诺${v.rules.agreed}/${v.rules.residents}人（${v.rules.percent}%）` : '尚未发布'}</Text>
      </Row>
      <Text className='vh-muted vh-block'>{v.topics.length ? `正在表决 ${v.topics.length} 个议题` : '没有正在表决的议题'}</Text>
      {v.topics.map((topic) => (
        <View key={topic.id}>
          <Text className='vh-block'>{topic.title}</Text>
          <Text className='vh-muted vh-block'>{turnoutText(topic)}</Text>
        </View>
      ))}
      <Text className='vh-muted vh-block'>今日服务预约</Text>
      <Stats
        items={[
          { label: '预约', value: v.bookings.booked },
          { label: '已签到', value: v.bookings.checkedIn },
          { label: '未到', value: v.bookings.noShow },
        ]}
      />
      <Text className='vh-muted vh-block'>随手拍与书记信箱</Text>
      <Stats
        items={[
          { label: '问题办理中', value: v.reports.open },
          { label: '问题逾期', value: v.reports.overdue },
          { label: '来信待回复', value: v.letters.waiting },
          { label: '来信逾期', value: v.letters.overdue },
        ]}
      />
    </Card>
  )
}
