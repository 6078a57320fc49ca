/**
 * Small pieces the committee's deliberation pages (发布议题, 现场表决登记, 议题管理) and 村民提议 share:
 * wording that follows the village's kind and the voting mode, a bar.
 * Bars are styled inline (in em) so that no page has to carry their stylesheet; 长辈模式 scales them.
 */
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { ResultsVisibility, TopicKind, VillageKind, VotingMode } from '@contract'
import { peopleWord, VOTING_MODE_LABELS } from '@contract/tables'

export { peopleWord } from '@contract/tables'

export const KIND_TEXT: Record<TopicKind, { label: string; hint: string }> = {
  yesno: { label: '是否表决', hint: '赞成 / 反对 / 弃权' },
  choice: { label: '多选一 / 多选', hint: '列出几个方案，从中选择' },
}

export function modeText(mode: VotingMode, kind: VillageKind): { label: string; hint: string } {
  const people = peopleWord(kind)
  return mode === 'household'
    ? { label: VOTING_MODE_LABELS.household, hint: '每户一票由户代表投，须三分之二以上的户参与' }
    : { label: VOTING_MODE_LABELS.person, hint: `每位${people}一票，须过半数${people}参与` }
}

export const RESULTS_TEXT: Record<ResultsVisibility, { label: string; hint: string }> = {
  live: { label: '实时公布票数', hint: '投票期间就能看到各选项的票数' },
  sealed: { label: '截止后公布', hint: '截止前任何人（包括村委会）都看不到票数，免得跟风' },
}

/** A horizontal bar: `percent` filled; `mark` (0..100) draws a line, e.g. where the quorum is. */
export function Bar({ percent, mark, tone = 'red' }: { percent: number; mark?: number; tone?: 'red' | 'green' | 'gold' }) {
  const clamp = (n: number) => Math.max(0, Math.min(100, n))
  const fill = { red: '#b71c1c', green: '#2e7d32', gold: '#c8a45c' }[tone]
  return (
    <View style={{ position: 'relative', height: '0.6em', margin: '0.3em 0', borderRadius: '0.3em', background: '#f0ebe3', overflow: 'hidden' }}>
      <View style={{ width: `${clamp(percent)}%`, height: '100%', borderRadius: '0.3em', background: fill }} />
      {mark !== undefined && <View style={{ position: 'absolute', top: 0, bottom: 0, left: `${clamp(mark)}%`, width: '0.15em', background: '#222' }} />}
    </View>
  )
}

/**
 * What the server last returned after an action, shown instead of the loaded data until the data
 * is loaded again (a reload brings newer data, which then wins).
 */
export function useReplaced<T>(data: T | undefined): [T | undefined, (value: T) => void] {
  const latest = useRef(data)
  latest.current = data
  const [replaced, setReplaced] = useState<{ base: T | undefined; value: T } | null>(null)
  return [replaced && replaced.base === data ? replaced.value : data, (value: T) => setReplaced({ base: latest.current, value })]
}

/** A short line of muted text. */
export function Hint({ children }: { children: string }) {
  return <Text className='vh-muted' style={{ display: 'block', margin: '0.3em 0' }}>{children}</Text>
}
