/**
 * Stands in for @tarojs/router's tabbar.js in the browser build (./index.ts). The app's tab bar is custom
 * (app.config.ts), so Taro's initTabbar returns at once; but its imports, the <taro-tabbar> element and the
 * tab bar APIs (~30 KB), would still be in the first script every page waits for.
 */
export function initTabbar(config: { tabBar?: { custom?: boolean } }): void {
  // each tab page draws the app's own bar (src/shared/tab-bar); Taro's would need the module back
  if (config.tabBar && !config.tabBar.custom) throw new Error('Taro\'s own tab bar is configured but left out of the h5 build (config/index.ts)')
}
