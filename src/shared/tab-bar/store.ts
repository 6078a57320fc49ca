import { create } from 'zustand'
import type { tabPages } from '@/routes'

export type TabKey = keyof typeof tabPages

/** '3', '99+' for more; '' for none (the server counts unread notices up to 100) */
export const badgeText = (n: number | undefined): string => (!n || n <= 0 ? '' : n > 99 ? '99+' : String(n))

interface TabBarState {
  /** the tab page being shown (WeChat: each tab page sets it when shown; a tap sets it before switching) */
  current: TabKey | null
  /** a count on a tab (我的: unread notices); none or 0 = no badge */
  badges: Partial<Record<TabKey, number>>
  select: (tab: TabKey) => void
  setBadge: (tab: TabKey, count: number) => void
}

/**
 * The tab bar's state, in the app's memory: the app's own tab bar (./tab-bar.tsx) draws it in WeChat (one
 * instance per tab page, src/custom-tab-bar) and in the browser (in each tab page). WeChat's setTabBarBadge
 * draws nothing on a custom tab bar, so the code that knows a count sets it here.
 */
export const useTabBar = create<TabBarState>((set) => ({
  current: null,
  badges: {},
  select: (tab) => set((s) => (s.current === tab ? s : { current: tab })),
  setBadge: (tab, count) => set((s) => (s.badges[tab] === count ? s : { badges: { ...s.badges, [tab]: count } })),
}))
