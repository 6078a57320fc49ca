/** The workspaces' words: turnout against the quorum in plain words, a visit's day. */
import type { WorkspaceTopic } from '@contract'
import { quorumWords } from '@/shared/quorum-words'

/** 已有 4/8 户参与，还差2户就够数了 / 已有 6/11 人参与，人数够了 (the words the topic page uses) */
export function turnoutText(t: Pick<WorkspaceTopic, 'mode' | 'participants' | 'quorumNeeded' | 'eligible'>): string {
  return quorumWords(t.mode === 'household' ? '户' : '人', t, t.participants >= t.quorumNeeded)
}

/** 11月23日 */
export const shortDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
