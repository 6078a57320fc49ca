/** The tab icons as the bundler emits them (the browser build: hashed files under static/). */
import home from '@/assets/tabbar/home.png'
import homeOn from '@/assets/tabbar/home-active.png'
import topics from '@/assets/tabbar/topics.png'
import topicsOn from '@/assets/tabbar/topics-active.png'
import services from '@/assets/tabbar/services.png'
import servicesOn from '@/assets/tabbar/services-active.png'
import me from '@/assets/tabbar/me.png'
import meOn from '@/assets/tabbar/me-active.png'

export const TAB_ICONS = { home, homeOn, topics, topicsOn, services, servicesOn, me, meOn }
