import { Text, View } from '@tarojs/components'
import type { Board, MembershipView } from '@contract'
import { BOARD_LABELS, BOARDS } from '@contract/tables'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Async, Button, Empty } from '@/shared/ui'
import { listBoard } from '../../api'
import { responsibleText } from '../../components/entry-card'
import { BoardsPage } from '../../components/gate'
import { monthText, thisMonth } from '../../labels'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

/**
 * 打印 (?month=, h5 only): the month's published entries of the three boards on plain A4 sheets for the
 * village notice board — no photos, no app chrome; the 打印 button opens the browser's print dialog.
 */
export default function PrintPage() {
  return (
    <BoardsPage what='打印榜单' className='bd-print-page'>
      {(m) => <PrintSheet membership={m} />}
    </BoardsPage>
  )
}

function PrintSheet({ membership }: { membership: MembershipView }) {
  const { committee } = useVillageWords()
  const villageId = membership.villageId
  const month = usePageParam('month') ?? thisMonth()
  const all = useQuery(async () => {
    const pages = await Promise.all(BOARDS.map((b) => listBoard(villageId, b, month)))
    return pages.map((p) => ({ board: p.board as Board, entries: p.entries }))
  }, [villageId, month])
  const print = () => {
    // the page is in the h5 build only; the guard keeps `window` out of any other build
    if (process.env.TARO_ENV === 'h5') window.print()
  }
  return (
    <View className='bd-print'>
      <View className='bd-print__bar'>
        <Button kind='primary' onClick={print}>
          打印
        </Button>
        <Text className='vh-muted'>用 A4 纸打印，张贴在村务公开栏</Text>
      </View>
      <Async query={all} isEmpty={(l) => l.every((b) => b.entries.length === 0)} empty={<Empty text={`${monthText(month)}还没有公示的条目`} />}>
        {(boards) => (
          <View className='bd-print__sheet'>
            <Text className='bd-print__title'>{`${membership.village.name}${monthText(month)}红黑榜 · 善行义举榜`}</Text>
            {boards
              .filter((b) => b.entries.length > 0)
              .map((b) => (
                <View key={b.board} className={`bd-print__board bd-print__board--${b.board}`}>
                  <Text className='bd-print__head'>{BOARD_LABELS[b.board]}</Text>
                  {b.entries.map((e, i) => (
                    <View key={e.id} className='bd-print__item'>
                      <Text className='bd-print__line'>{`${i + 1}. ${e.place} · ${responsibleText(e.responsible)}`}</Text>
                      <Text className='bd-print__line'>{e.what}</Text>
                      {e.clause && <Text className='bd-print__line bd-print__clause'>{`依据：村规民约${e.clause.label} ${e.clause.text}`}</Text>}
                      {e.board === 'red' && e.reward && <Text className='bd-print__line'>{`奖励：${e.reward}`}</Text>}
                    </View>
                  ))}
                </View>
              ))}
            <Text className='bd-print__foot'>{`${membership.village.name}${membership.village.kind === 'community' ? '居民' : '村民'}委员会 · ${formatTime(Date.now())} 打印 · 如有异议请向${committee}反映`}</Text>
          </View>
        )}
      </Async>
    </View>
  )
}
