// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Only Taro's build reads this file; jest passes its own inline config (configFile: false).

/**
 * WeChat runs the weapp's logic layer in the phone's JavaScriptCore (iOS: WeChat 8 needs iOS 12) or WeChat's own
 * V8 (Android), with project.config.json's es6 transform off: ES2018 as it is, so async functions, classes and
 * spreads are not rewritten into regenerator and helper calls (smaller bundles in the size-bounded main package).
 * The browser build keeps package.json's browserslist.
 */
const WEAPP_TARGETS = { ios: '12', chrome: '66' }

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' ? { targets: WEAPP_TARGETS, ignoreBrowserslistConfig: true } : {}),
      },
    ],
  ],
}
