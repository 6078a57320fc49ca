// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Only Taro's build reads this file; jest passes its own inline config (configFile: false).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
