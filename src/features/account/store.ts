import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { Me, MembershipView, VillageCounts } from '@contract'
import { errorMessage } from '@/shared/api/call'
import { prefetch } from '@/shared/api/prefetch'
import { getMe, getTodo, openHome } from './api'
import { CURRENT_VILLAGE_KEY as CURRENT_KEY } from '../../../config/boot-calls'
import { showUnreadBadge } from './unread-badge'

interface AccountState {
  me: Me | null
  loading: boolean
  error: string | null
  /** the village the person is acting in; they switch it in 我的 */
  currentVillageId: string | null
  /** 本村概况's figures, as 首页 last read them with the account (home.open) */
  figures: { villageId: string; counts: VillageCounts } | null
  /** account.me; for 首页 (`home`), home.open: the account and the figures in one call, 待办 beside it */
  load: (options?: { home?: boolean }) => Promise<void>
  switchVillage: (villageId: string) => void
  reset: () => void
}

export const useAccount = create<AccountState>((set, get) => ({
  me: null,
  loading: false,
  error: null,
  currentVillageId: (Taro.getStorageSync(CURRENT_KEY) as string) || null,
  figures: null,
  async load({ home = false } = {}) {
    set({ loading: true, error: null })
    try {
      const current = get().currentVillageId
      // 待办 of the village the app last acted in goes out now, not after the account (the card takes it)
      const todo = home && current ? prefetch(todoKey(current), () => getTodo(current)) : null
      const opened = home ? await openHome(current ?? undefined) : null
      const me = opened ? opened.me : await getMe()
      const ids = me.memberships.map((m) => m.villageId)
      const next = current && ids.includes(current) ? current : ids[0] ?? null
      if (next !== current) Taro.setStorageSync(CURRENT_KEY, next ?? '')
      const figures = opened?.villageId && opened.counts ? { villageId: opened.villageId, counts: opened.counts } : get().figures
      // 待办 whose answer is already in (the browser's boot call) settles within a few microtasks more than the account's:
      // waited for a moment at most, so that the card is drawn with it in 首页's first render, not as 加载中 and then
      // drawn and laid out again (a tenth of a second on a slow phone); one still on its way is not waited for
      if (todo && next === current) await Promise.race([todo, new Promise((resolve) => setTimeout(resolve, 0))])
      set({ me, loading: false, currentVillageId: next, figures })
      showUnreadBadge(me.unread)
    } catch (e) {
      set({ loading: false, error: errorMessage(e) })
    }
  },
  switchVillage(villageId) {
    Taro.setStorageSync(CURRENT_KEY, villageId)
    set({ currentVillageId: villageId })
  },
  reset() {
    set({ me: null, error: null })
  },
}))

/** the key 首页's 待办 is prefetched under (see TodoCard) */
export const todoKey = (villageId: string) => `account.todo:${villageId}`

/** set while the load started with the app has not yet been taken by 首页's first show */
let warmHome = false

/**
 * 首页 opened cold in the browser: its load (home.open, 待办 beside it) starts with the app, while the page's
 * code is still loading, so that the page is drawn with its content rather than waiting for it.
 */
export function loadHomeEarly(): void {
  warmHome = true
  void useAccount.getState().load({ home: true })
}

/** whether 首页's first show finds the account just loaded with the app (then it need not load it again); once */
export function takeEarlyHome(): boolean {
  const warm = warmHome
  warmHome = false
  return warm
}

/** The membership in the village the person is acting in, if any. */
export function useCurrentMembership(): MembershipView | null {
  return useAccount((s) => s.me?.memberships.find((m) => m.villageId === s.currentVillageId) ?? null)
}
