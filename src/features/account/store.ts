import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { Me, MembershipView } from '@contract'
import { errorMessage } from '@/shared/api/call'
import { getMe } from './api'
import { showUnreadBadge } from './unread-badge'

const CURRENT_KEY = 'vh.currentVillage'

interface AccountState {
  me: Me | null
  loading: boolean
  error: string | null
  /** the village the person is acting in; they switch it in 我的 */
  currentVillageId: string | null
  load: () => Promise<void>
  switchVillage: (villageId: string) => void
  reset: () => void
}

export const useAccount = create<AccountState>((set, get) => ({
  me: null,
  loading: false,
  error: null,
  currentVillageId: (Taro.getStorageSync(CURRENT_KEY) as string) || null,
  async load() {
    set({ loading: true, error: null })
    try {
      const me = await getMe()
      const ids = me.memberships.map((m) => m.villageId)
      const current = get().currentVillageId
      const next = current && ids.includes(current) ? current : ids[0] ?? null
      if (next !== current) Taro.setStorageSync(CURRENT_KEY, next ?? '')
      set({ me, loading: false, currentVillageId: next })
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

/** The membership in the village the person is acting in, if any. */
export function useCurrentMembership(): MembershipView | null {
  return useAccount((s) => s.me?.memberships.find((m) => m.villageId === s.currentVillageId) ?? null)
}
