/**
 * WeChat's custom tab bar (app.config: tabBar.custom in the weapp build). WeChat makes one of these per tab
 * page; each draws the app's tab bar with the tab the app last showed (Page sets it on show, a tap before
 * switching) and the counts the app keeps (useTabBar), so 长辈模式 and the unread count reach it live.
 */
import { TabBar } from '@/shared/tab-bar/tab-bar'
import { useTabBar } from '@/shared/tab-bar/store'

export default function CustomTabBar() {
  const current = useTabBar((s) => s.current)
  return <TabBar current={current} />
}
