import type { UserConfigExport } from '@tarojs/cli'

/** `taro build` (NODE_ENV=production): minified JS/CSS, no source maps. */
export default {
  logger: { quiet: true, stats: false },
  mini: {
    enableSourceMap: false,
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
