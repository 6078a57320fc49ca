import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RulesFollowUp } from '@contract'
import { rulesWord } from '@contract/tables'
import { useQuery } from '@/shared/api/use-query'
import { Async, Card, Choice, Choices, Empty, Page } from '@/shared/ui'
import { AccountPending } from '../../../account/components/account-pending'
import { useCurrentMembership } from '../../../account/store'
import { useEnsureAccount } from '../../../account/use-account-on-show'
import { getRulesFollowUp } from '../../api'
import { ExportCard } from './export-card'
import { GridCard } from './grid-card'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

const ALL = '*'
const gridKey = (gridId: string | null) => gridId ?? 'none'

/** 承诺情况跟进: who has not agreed to the current version, by grid, for the committee and grid workers to visit. */
export default function RulesFollowUpPage() {
  const { committee } = useVillageWords()
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const villageId = membership?.villageId ?? ''
  const roles = membership?.roles ?? []
  const isCommittee = roles.includes('committee')
  const allowed = isCommittee || roles.includes('gridWorker')
  const query = useQuery(() => getRulesFollowUp(villageId), [villageId], allowed)

  if (!account.me) return <Page><AccountPending /></Page>
  if (!membership || !allowed) {
    return (
      <Page>
        <Empty text={`只有${committee}成员和网格员可以查看承诺情况`} />
      </Page>
    )
  }
  const word = rulesWord(membership.village.kind)
  return (
    <Page>
      <View className='vh-title'>{`${membership.village.name} · 承诺情况跟进`}</View>
      <Async query={query} isEmpty={(d) => !d.version} empty={<Empty text={`还没有发布${word}，发布后这里会列出尚未承诺的居民`} />}>
        {(data) => <FollowUpBody data={data} isCommittee={isCommittee} villageId={villageId} />}
      </Async>
    </Page>
  )
}

function FollowUpBody({ data, isCommittee, villageId }: { data: RulesFollowUp; isCommittee: boolean; villageId: string }) {
  const [grid, setGrid] = useState(ALL)
  const shown = grid === ALL ? data.grids : data.grids.filter((g) => gridKey(g.gridId) === grid)
  const v = data.version!
  return (
    <View>
      <Card title={`第${v.number}版 ${v.title}`}>
        <View className='vh-stat'>
          <View>
            <Text className='vh-stat__num'>{data.totals.pendingHouseholds}</Text>
            <Text className='vh-muted'>户全户未承诺</Text>
          </View>
          <View>
            <Text className='vh-stat__num'>{data.totals.pendingPersons}</Text>
            <Text className='vh-muted'>人未承诺</Text>
          </View>
        </View>
        <Text className='vh-muted rules-fu-hint'>户内有一人承诺即算该户已承诺；下面列出每一位尚未承诺的居民，便于上门解释。</Text>
      </Card>
      {isCommittee && <ExportCard villageId={villageId} />}
      {data.grids.length === 0 ? (
        <Empty text={`全部居民都已承诺遵守第${v.number}版`} />
      ) : (
        <>
          {data.grids.length > 1 && (
            <Choices label='按网格查看'>
              <Choice on={grid === ALL} onClick={() => setGrid(ALL)}>
                全部网格
              </Choice>
              {data.grids.map((g) => (
                <Choice key={gridKey(g.gridId)} on={grid === gridKey(g.gridId)} onClick={() => setGrid(gridKey(g.gridId))}>
                  {`${g.gridName}（${g.pendingPersons}人）`}
                </Choice>
              ))}
            </Choices>
          )}
          {shown.map((g) => (
            <GridCard key={gridKey(g.gridId)} grid={g} />
          ))}
        </>
      )}
    </View>
  )
}
