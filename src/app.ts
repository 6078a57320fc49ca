import type { PropsWithChildren } from 'react'
import { mergeInternalComponents } from '@tarojs/shared'
import './app.scss'
import { registerPrivacyCheck } from './shared/privacy/privacy'
import { watchOutbox } from './shared/api/watch-outbox'
import { installShell } from './shared/shell/shell'
import { WEAPP_ARIA } from '../config/weapp-aria'
import { loadHomeEarly } from './features/account/store'
import { tabPages } from './routes'

// WeChat's screen reader: the kit's roles and names reach <view>/<text>/<button> (the templates have them from
// the build, config/index.ts); before any page renders, as the runtime reads this table once
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(WEAPP_ARIA)

// before any page can ask for photos, the camera or the clipboard
registerPrivacyCheck()
// what was written offline goes when the network returns (and now, if it already has)
watchOutbox()
// the browser build's title bar, keyboard use and 长辈模式 outside the pages (nothing in WeChat)
installShell()
// the browser opened on 首页 (no route in the address, or its own): its calls need not wait for the page's code
if (process.env.TARO_ENV === 'h5') {
  const route = window.location.hash.replace(/^#\/?/, '').split('?')[0]
  if (route === '' || route === tabPages.home) loadHomeEarly()
}

/** The app shell: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
