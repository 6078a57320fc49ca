/**
 * Writes made without a network (a comment, a report) are kept on the phone and sent when the network
 * returns; the person is told which happened: 已发送, or 已保存，联网后自动发送 and later 已发送.
 * Only a request that never reached the server is kept (CallError.offline): a timeout may have been done
 * already, and a refusal would be refused again.
 */
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { ActionName, InputOf, OutputOf } from '@contract'
import { call, CallError, errorMessage } from './call'

const KEY = 'vh.outbox'

export interface Kept {
  id: string
  action: ActionName
  input: unknown
  /** what it is, in the person's words: 您对「…」的意见 */
  label: string
  /** what it belongs to (a topic id…), so its page can say one is waiting */
  about: string
  keptAt: number
}

interface OutboxState {
  kept: Kept[]
  /** why the last kept write could not be sent once the network was back (a refusal), if any */
  failed: { label: string; reason: string } | null
}

const read = (): Kept[] => {
  const v = Taro.getStorageSync(KEY) as unknown
  return Array.isArray(v) ? (v as Kept[]) : []
}

export const useOutbox = create<OutboxState>(() => ({ kept: read(), failed: null }))

function save(kept: Kept[]) {
  Taro.setStorageSync(KEY, kept)
  useOutbox.setState({ kept })
}

/**
 * Sends now through the feature's own api function; without a network keeps `what` to send later and
 * returns null (the caller says 已保存，联网后自动发送). Other failures throw as usual.
 */
export async function sendOrKeep<A extends ActionName, R = OutputOf<A>>(send: () => Promise<R>, what: { action: A; input: InputOf<A>; label: string; about: string }): Promise<R | null> {
  try {
    return await send()
  } catch (e) {
    if (!(e instanceof CallError && e.offline)) throw e
    save([...read(), { id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...what, keptAt: Date.now() }])
    return null
  }
}

/** how many of the kept writes belong to `about` (a topic…): its page says they are waiting, and reloads when they go */
export const useKeptCount = (about: string) => useOutbox((s) => s.kept.filter((k) => k.about === about).length)

export const KEPT_MESSAGE = '已保存，联网后自动发送'

let flushing: Promise<void> | null = null

/** Sends what was kept, oldest first; stops at the first that still finds no network. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const entry of read()) {
        let refused: string | null = null
        try {
          await call(entry.action, entry.input as never)
        } catch (e) {
          if (e instanceof CallError && (e.offline || e.code === 'TIMEOUT' || e.code === 'SERVER')) return // try again later
          // refused now (已截止, 内容不合规…): it would be refused again, so it goes, and the person is told why
          refused = errorMessage(e)
        }
        save(read().filter((k) => k.id !== entry.id))
        if (refused) useOutbox.setState({ failed: { label: entry.label, reason: refused } })
        Taro.showToast({ title: refused ? `没能发送${entry.label}：${refused}` : `已发送${entry.label}`, icon: 'none' })
      }
    } finally {
      flushing = null
    }
  })()
  return flushing
}

let watching = false
/** Once, at start: send what was kept, and again whenever the network comes back. */
export function watchOutbox(): void {
  if (watching) return
  watching = true
  if (process.env.TARO_ENV === 'h5') window.addEventListener('online', () => void flushOutbox())
  else Taro.onNetworkStatusChange((r) => r.isConnected && void flushOutbox())
  if (read().length) void flushOutbox()
}
