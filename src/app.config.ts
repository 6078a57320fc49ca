import { subPackages, tabPages } from './routes'

const isH5 = process.env.TARO_ENV === 'h5'

export default defineAppConfig({
  pages: Object.values(tabPages),
  subPackages: Object.values(subPackages).map((sub) => ({
    root: sub.root,
    pages: Object.entries(sub.pages)
      .filter(([key]) => isH5 || !(sub.h5Only as readonly string[]).includes(key))
      .map(([, path]) => path),
  })),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '村居议事厅',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
    // h5: Taro's own title bar (title, 返回, 首页; src/shared/shell). WeChat always draws its own
    navigationStyle: 'default',
  },
  tabBar: {
    // WeChat: the app's own tab bar (src/custom-tab-bar), which 长辈模式 enlarges and which shows the unread count;
    // WeChat still wants the list below. The browser: Taro's h5 build has no custom tab bar (it draws none with
    // custom set), so each tab page draws the same bar itself (src/shared/ui Page)
    custom: true,
    color: '#6b6b6b',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: tabPages.home,
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: tabPages.topics,
        text: '议事',
        iconPath: 'assets/tabbar/topics.png',
        selectedIconPath: 'assets/tabbar/topics-active.png',
      },
      {
        pagePath: tabPages.services,
        text: '服务',
        iconPath: 'assets/tabbar/services.png',
        selectedIconPath: 'assets/tabbar/services-active.png',
      },
      {
        pagePath: tabPages.me,
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy check: photos (chooseImage), the camera (scanCode), the clipboard and the place of a
  // report (chooseLocation: the person picks it on WeChat's map) wait for the person to agree to the privacy
  // summary (src/shared/privacy). No other location, phone number or address API is used; one added must be
  // listed here (and its permission text given).
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['chooseLocation'],
})
