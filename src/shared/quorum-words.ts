/** How far a vote is from its quorum, in plain words — the topic's meter and the grid worker's workspace say it alike. */
export interface QuorumCount {
  participants: number
  eligible: number
  quorumNeeded: number
}

/** 已有 1/4 户参与，还差2户就够数了 / 已有 3/4 户参与，户数够了 */
export function quorumWords(unit: '户' | '人', t: QuorumCount, met: boolean): string {
  const head = `已有 ${t.participants}/${t.eligible} ${unit}参与`
  return met ? `${head}，${unit}数够了` : `${head}，还差${Math.max(1, t.quorumNeeded - t.participants)}${unit}就够数了`
}
