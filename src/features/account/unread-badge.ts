import { useTabBar } from '@/shared/tab-bar/store'

/**
 * The unread count on the 我的 tab (a red "3"), gone when all are read. Refreshed with the account, which
 * every tab page reloads on show and 消息通知 after marking notices read. The app draws its own tab bar
 * (src/shared/tab-bar), on which WeChat's setTabBarBadge draws nothing: the count goes to the bar's state.
 */
export function showUnreadBadge(unread: number): void {
  useTabBar.getState().setBadge('me', unread)
}
