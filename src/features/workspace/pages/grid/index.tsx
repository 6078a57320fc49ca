import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { GridHousehold, GridHouseholdPage, MembershipView, WorkspaceGrid } from '@contract'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { LoadMore, Async, Card, Empty, Row, Tag } from '@/shared/ui'
import { getGridWorkspace, getHouseholds } from '../../api'
import { WorkspacePage } from '../../components/frame'
import { LinkBlock } from '../../components/link-block'
import { Stats } from '../../components/stats'
import { VisitItem } from '../../components/visit-item'
import { shortDay, turnoutText } from '../../labels'
import { useVillageWords } from '@/features/account/words'

/** 网格员工作 (?villageId=): my grids in counts, the open topics, each grid's households a page at a time (who has not agreed or voted), my recent visits. */
export default function GridPage() {
  const { here } = useVillageWords()
  return (
    <WorkspacePage what='使用网格员工作台' role='gridWorker' refused={`网格员工作台只对${here}的网格员开放`}>
      {(m) => <GridWork membership={m} />}
    </WorkspacePage>
  )
}

const go = (url: string) => void Taro.navigateTo({ url })

function GridWork({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getGridWorkspace(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const { committee } = useVillageWords(membership.village.kind)
  return (
    <Async query={query} isEmpty={(w) => w.grids.length === 0} empty={<Empty text={`您还没有负责的网格，请联系${committee}分配`} />}>
      {(w) => (
        <>
          <View className='vh-title'>{`${w.villageName} · ${w.grids.map((g) => g.name).join('、')}`}</View>
          {w.openTopics.length > 0 && (
            <Card title='正在表决的议题'>
              {w.openTopics.map((t) => (
                <LinkBlock key={t.id} title={t.title} onClick={() => go(pageUrl('deliberation.topic', { villageId, topicId: t.id }))}>
                  <Text className='vh-muted vh-block'>{turnoutText(t)}</Text>
                </LinkBlock>
              ))}
            </Card>
          )}
          {w.grids.map((g) => (
            <GridCard key={g.id} villageId={villageId} grid={g} rulesVersion={w.rulesVersion} />
          ))}
          <View className='vh-title'>我的走访记录</View>
          {w.visits.length === 0 ? <Empty text='还没有走访记录。入户走访后，在这里记一笔' /> : w.visits.map((v) => <VisitItem key={v.id} visit={v} />)}
        </>
      )}
    </Async>
  )
}

function GridCard({ villageId, grid, rulesVersion }: { villageId: string; grid: WorkspaceGrid; rulesVersion: number | null }) {
  return (
    <Card title={grid.name} extra={<Tag tone='grey'>{`${grid.households}户`}</Tag>}>
      <Stats
        items={[
          { label: '住户', value: grid.households },
          { label: '待办问题', value: grid.reports.open },
        ]}
      />
      <Row label='处理队列' onClick={() => go(pageUrl('reports.queue', { villageId, filter: grid.reports.overdue > 0 ? 'overdue' : 'open' }))}>
        {grid.reports.overdue > 0 ? <Tag tone='red'>{`${grid.reports.overdue}件已逾期`}</Tag> : <Text className='vh-muted'>{`${grid.reports.open}件办理中`}</Text>}
      </Row>
      <Households villageId={villageId} gridId={grid.id} rulesVersion={rulesVersion} />
    </Card>
  )
}

/** The grid's households by 门牌号, a page at a time (加载更多); read again when the page is shown (a visit just recorded). Tap one to record a visit. */
function Households({ villageId, gridId, rulesVersion }: { villageId: string; gridId: string; rulesVersion: number | null }) {
  const first = useQuery(() => getHouseholds(villageId, { gridId }), [villageId, gridId])
  useReloadOnShow(first)
  /** the pages after the first; null until 加载更多 */
  const [later, setLater] = useState<GridHouseholdPage | null>(null)
  useEffect(() => setLater(null), [first.data])
  const loadMore = useMutation((after: string) => getHouseholds(villageId, { gridId, after }), {
    onSuccess: (page) => setLater((l) => ({ households: [...(l?.households ?? []), ...page.households], next: page.next })),
  })
  return (
    <Async query={first} isEmpty={(p) => p.households.length === 0} empty={<Text className='vh-muted vh-block'>这个网格还没有登记住户</Text>}>
      {(page) => {
        const next = later ? later.next : page.next
        return (
          <View>
            <Text className='vh-muted vh-block'>点选一户，为它记录走访</Text>
            {[...page.households, ...(later?.households ?? [])].map((h) => (
              <HouseholdRow key={h.id} villageId={villageId} household={h} rulesVersion={rulesVersion} />
            ))}
            <LoadMore more={next !== null} busy={loadMore.busy} error={loadMore.error} onLoad={() => void loadMore.run(next!)} />
          </View>
        )
      }}
    </Async>
  )
}

function HouseholdRow({ villageId, household: h, rulesVersion }: { villageId: string; household: GridHousehold; rulesVersion: number | null }) {
  const done = h.notAgreed.length === 0 && h.notVoted.length === 0
  return (
    <LinkBlock title={`${h.doorplate}${h.headName ? ` · ${h.headName}` : ''}`} onClick={() => go(pageUrl('workspace.visit', { villageId, householdId: h.id }))}>
      {rulesVersion !== null && h.notAgreed.length > 0 && <Text className='vh-block'>{`未承诺第${rulesVersion}版：${h.notAgreed.join('、')}`}</Text>}
      {h.notVoted.map((t) => (
        <Text key={t.topicId} className='vh-block'>{`未投票「${t.title}」：${t.names.join('、')}`}</Text>
      ))}
      {done && <Tag tone='green'>已承诺、已投票</Tag>}
      <Text className='vh-muted vh-block'>{h.lastVisit ? `上次走访 ${shortDay(h.lastVisit.date)}（${h.lastVisit.visitorName}）` : '还没有走访记录'}</Text>
    </LinkBlock>
  )
}
