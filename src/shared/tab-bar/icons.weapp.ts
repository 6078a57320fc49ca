/**
 * The tab icons in WeChat: the files app.config's tabBar.list already puts in the package, by path. Imported,
 * each would also be inlined into common.js as base64 (the same bytes twice in the main package).
 */
const icon = (name: string) => `/assets/tabbar/${name}.png`

export const TAB_ICONS = {
  home: icon('home'),
  homeOn: icon('home-active'),
  topics: icon('topics'),
  topicsOn: icon('topics-active'),
  services: icon('services'),
  servicesOn: icon('services-active'),
  me: icon('me'),
  meOn: icon('me-active'),
}
