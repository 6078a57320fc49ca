import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { tabPages } from '@/routes'
import { TAB_ICONS as I } from './icons'
import { TabIcon } from './tab-icon'
import { useTheme } from '../theme'
import { badgeText, useTabBar, type TabKey } from './store'
import './tab-bar.scss'

/** the four tabs, in app.config's order (its tabBar.list must stay the same: WeChat requires it) */
export const TABS: { key: TabKey; text: string; icon: string; iconOn: string }[] = [
  { key: 'home', text: '首页', icon: I.home, iconOn: I.homeOn },
  { key: 'topics', text: '议事', icon: I.topics, iconOn: I.topicsOn },
  { key: 'services', text: '服务', icon: I.services, iconOn: I.servicesOn },
  { key: 'me', text: '我的', icon: I.me, iconOn: I.meOn },
]


/**
 * The app's own tab bar (WeChat's and Taro's draw 10 px labels that 长辈模式 cannot reach): labels of 13 px,
 * 18 px in 长辈模式 (live, with the switch in 我的), icons and targets growing with them, the tab shown marked
 * (a tab, selected, to a screen reader) and the unread count on 我的.
 */
export function TabBar({ current }: { current: TabKey | null }) {
  const elder = useTheme((s) => s.elder)
  const badges = useTabBar((s) => s.badges)
  const go = (tab: TabKey) => {
    if (tab === current) return
    // marked at once: the next page's bar (WeChat: its own instance) shows it already selected
    useTabBar.getState().select(tab)
    void Taro.switchTab({ url: `/${tabPages[tab]}` })
  }
  return (
    <View className={`vh-tabbar ${elder ? 'vh-tabbar--elder' : ''}`} role='tablist' aria-label='主菜单'>
      {TABS.map((t) => {
        const on = t.key === current
        const badge = badgeText(badges[t.key])
        return (
          <View
            key={t.key}
            className={`vh-tabbar__item ${on ? 'vh-tabbar__item--on' : ''}`}
            role='tab'
            aria-selected={on}
            // the visible text (我的 3) begins the name, as a screen reader user hears it and voice control says it
            aria-label={badge ? `${t.text}${badge}条未读消息` : t.text}
            onClick={() => go(t.key)}
            // Tab reaches it in the browser (the kit's focusable(); not imported: the kit draws this bar)
            {...{ tabIndex: 0 }}
          >
            <View className='vh-tabbar__icon-box'>
              <TabIcon src={on ? t.iconOn : t.icon} />
            </View>
            <Text className='vh-tabbar__label'>{t.text}</Text>
            {badge && <Text className='vh-tabbar__badge'>{badge}</Text>}
          </View>
        )
      })}
    </View>
  )
}
