import Taro from '@tarojs/taro'
import { tabPages } from '@/routes'

/** the tab whose badge counts unread notices: 我的, where 消息通知 is */
const ME_TAB = Object.keys(tabPages).indexOf('me')

/**
 * The unread count on the 我的 tab (a red "3"), gone when all are read. Refreshed with the account,
 * which every tab page reloads on show. A page without the tab bar (a shared link opened in the
 * browser) makes the call fail: that is nothing to tell anyone about.
 */
export function showUnreadBadge(unread: number): void {
  try {
    const done = unread > 0 ? Taro.setTabBarBadge({ index: ME_TAB, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index: ME_TAB })
    void Promise.resolve(done).catch(() => undefined)
  } catch {
    // no tab bar here
  }
}
