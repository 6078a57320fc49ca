import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { FollowUpHousehold, RulesFollowUp } from '@contract'
import { rulesWord } from '@contract/tables'
import { useQuery } from '@/shared/api/use-query'
import { useMutation } from '@/shared/api/use-mutation'
import { LoadMore, Async, Card, Choice, Choices, Empty, ErrorState, Loading, Page } from '@/shared/ui'
import { AccountPending } from '../../../account/components/account-pending'
import { useCurrentMembership } from '../../../account/store'
import { useEnsureAccount } from '../../../account/use-account-on-show'
import { getRulesFollowUp } from '../../api'
import { ExportCard } from './export-card'
import { GridCard } from './grid-card'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

const gridKey = (gridId: string | null) => gridId ?? 'none'

/**
 * 承诺情况跟进: who has not agreed to the current version, for the committee and grid workers to visit. The counts of
 * every grid come at once; the households one grid at a time, a page at a time (加载更多), however big the village.
 */
export default function RulesFollowUpPage() {
  const { committee } = useVillageWords()
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const roles = membership?.roles ?? []
  const isCommittee = roles.includes('committee')
  const allowed = isCommittee || roles.includes('gridWorker')

  if (!account.me) return <Page><AccountPending /></Page>
  if (!membership || !allowed) {
    return (
      <Page>
        <Empty text={`只有${committee}成员和网格员可以查看承诺情况`} />
      </Page>
    )
  }
  return (
    <Page>
      <View className='vh-title'>{`${membership.village.name} · 承诺情况跟进`}</View>
      <FollowUp villageId={membership.villageId} isCommittee={isCommittee} word={rulesWord(membership.village.kind)} />
    </Page>
  )
}

function FollowUp({ villageId, isCommittee, word }: { villageId: string; isCommittee: boolean; word: string }) {
  // the grid asked for: null until a chip is tapped (the server shows the first with someone to visit)
  const [asked, setAsked] = useState<{ gridId: string | null } | null>(null)
  const query = useQuery(() => getRulesFollowUp(villageId, asked?.gridId), [villageId, asked ? gridKey(asked.gridId) : ''])
  // the pages after the first, loaded by 加载更多 (reset when another grid's first page comes)
  const [more, setMore] = useState<{ households: FollowUpHousehold[]; next: string | null } | null>(null)
  useEffect(() => setMore(null), [query.data])
  const loadMore = useMutation((gridId: string | null, after: string) => getRulesFollowUp(villageId, gridId, after), {
    onSuccess: (d) => setMore((m) => ({ households: [...(m?.households ?? []), ...(d.page?.households ?? [])], next: d.page?.next ?? null })),
  })
  return (
    <Async query={query} isEmpty={(d) => !d.version} empty={<Empty text={`还没有发布${word}，发布后这里会列出尚未承诺的居民`} />}>
      {(data) => {
        const v = data.version!
        const page = data.page
        const shown = page && data.grids.find((g) => g.gridId === page.gridId)
        // another grid is loading: the chip says which, the old grid's list is not shown under it
        const switching = asked !== null && (!page || gridKey(page.gridId) !== gridKey(asked.gridId))
        const households = [...(page?.households ?? []), ...(more?.households ?? [])]
        const next = more ? more.next : page?.next ?? null
        return (
          <View>
            <Summary data={data} />
            {isCommittee && <ExportCard villageId={villageId} />}
            {data.grids.length === 0 ? (
              <Empty text={`全部居民都已承诺遵守第${v.number}版`} />
            ) : (
              <>
                {data.grids.length > 1 && (
                  <Choices label='按网格查看'>
                    {data.grids.map((g) => (
                      <Choice key={gridKey(g.gridId)} on={switching ? gridKey(asked.gridId) === gridKey(g.gridId) : page?.gridId === g.gridId} onClick={() => setAsked({ gridId: g.gridId })}>
                        {`${g.gridName}（${g.pendingPersons}人）`}
                      </Choice>
                    ))}
                  </Choices>
                )}
                {switching ? (
                  query.error ? <ErrorState message={query.error} onRetry={() => void query.reload()} /> : <Loading />
                ) : shown && page ? (
                  <GridCard grid={shown} households={households}>
                    <LoadMore
                      more={next !== null}
                      busy={loadMore.busy}
                      error={loadMore.error}
                      onLoad={() => void loadMore.run(page.gridId, next!)}
                      end={<Text className='vh-muted rules-fu-end'>{`已列出本网格全部 ${households.length} 户`}</Text>}
                    />
                  </GridCard>
                ) : (
                  <Empty text='这个网格的居民都已承诺' />
                )}
              </>
            )}
          </View>
        )
      }}
    </Async>
  )
}

function Summary({ data }: { data: RulesFollowUp }) {
  const v = data.version!
  return (
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
      <Text className='vh-muted rules-fu-hint'>户内有一人承诺即算该户已承诺；下面按网格列出每一位尚未承诺的居民，便于上门解释。</Text>
    </Card>
  )
}
