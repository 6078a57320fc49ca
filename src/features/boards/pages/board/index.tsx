import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Board, MembershipView } from '@contract'
import { BOARD_LABELS, BOARDS, takesPart } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParams } from '@/shared/page-params'
import { Async, Button, Card, Choice, Choices, Empty, Row } from '@/shared/ui'
import { listBoard } from '../../api'
import { EntryCard } from '../../components/entry-card'
import { BoardsPage, isCommittee } from '../../components/gate'
import { boardTitle, monthChoices, monthLabel, thisMonth } from '../../labels'

const isBoard = (b: string | undefined): b is Board => (BOARDS as readonly string[]).includes(b ?? '')

/** 红黑榜 (?board=&month=): the board's published entries of a month, the month picker, the ways on. */
export default function BoardPageRoot() {
  return <BoardsPage what='查看红黑榜'>{(m) => <BoardView membership={m} />}</BoardsPage>
}

function BoardView({ membership }: { membership: MembershipView }) {
  const params = usePageParams()
  const villageId = membership.villageId
  const [board, setBoard] = useState<Board>(isBoard(params.board) ? params.board : 'red')
  const [month, setMonth] = useState(params.month ?? thisMonth())
  const page = useQuery(() => listBoard(villageId, board, month), [villageId, board, month])
  useReloadOnShow(page)
  usePullDownRefresh(() => void page.reload().finally(() => Taro.stopPullDownRefresh()))

  const title = boardTitle(membership.village.name, month, board)
  useShareAppMessage(() => ({ title, path: pageUrl('boards.board', { board, month }) }))
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  }, [])

  const months = monthChoices(page.data?.months ?? [])
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View>
      <View className='vh-title'>{title}</View>
      <Choices label='榜单'>
        {BOARDS.map((b) => (
          <Choice key={b} on={b === board} onClick={() => setBoard(b)}>
            <Text>{BOARD_LABELS[b]}</Text>
          </Choice>
        ))}
      </Choices>
      <Picker mode='selector' range={months.map((m) => monthLabel(m))} value={Math.max(0, months.indexOf(month))} onChange={(e) => setMonth(months[Number(e.detail.value)] ?? month)}>
        <Row label='月份'>
          <Text>{`${monthLabel(month)} ▾`}</Text>
        </Row>
      </Picker>
      <Async
        query={page}
        isEmpty={(p) => p.entries.length === 0}
        empty={<Empty text={`${monthLabel(month)}的${BOARD_LABELS[board]}还没有公示的条目`} />}
      >
        {(p) => (
          <>
            {p.entries.map((e) => (
              <EntryCard key={e.id} entry={e} onOpen={() => go(pageUrl('boards.entry', { entryId: e.id }))} />
            ))}
          </>
        )}
      </Async>
      <Card>
        <Row label='路段排名' onClick={() => go(pageUrl('boards.ranking'))}>
          <Text className='vh-muted'>各路段红榜积分</Text>
        </Row>
        {takesPart(membership) && (
          <Row label='我家的公示' onClick={() => go(pageUrl('boards.mine'))}>
            <Text className='vh-muted'>告知、申诉</Text>
          </Row>
        )}
        {/* nominating is the residents' (the server's rule); the committee reviews nominations there too */}
        {(takesPart(membership) || isCommittee(membership)) && (
          <Row label='推荐好人好事' onClick={() => go(pageUrl('boards.nominations'))}>
            <Text className='vh-muted'>推荐上善行义举榜</Text>
          </Row>
        )}
        {process.env.TARO_ENV === 'h5' && (
          <Row label='打印本月榜单' onClick={() => go(pageUrl('boards.print', { month }))}>
            <Text className='vh-muted'>A4，贴公告栏</Text>
          </Row>
        )}
      </Card>
      {isCommittee(membership) && (
        <Button kind='primary' block onClick={() => go(pageUrl('boards.manage'))}>
          榜单管理
        </Button>
      )}
    </View>
  )
}
