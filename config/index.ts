import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { Compiler } from 'webpack'
import { WEAPP_ARIA, weappAttrName } from './weapp-aria'
import { PreloadRouteChunks } from './preload-route'
import { BOOT_CALLS, DEMO_OPENID_KEY } from './boot-calls'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')

/**
 * Source outside src/ that the client may import and that must be transpiled like src/:
 * the action contract (types plus a few constant tables such as role labels), and the features'
 * zod-free documents.ts files its tables re-export, and the audit log's action names (common/audit-labels.ts,
 * shared by the log's page and a person's own data). Nothing else from cloud/ belongs in the client bundles.
 */
const features = path.resolve(root, 'cloud/src/features')
const compileInclude = [
  path.resolve(root, 'cloud/src/contract'),
  path.resolve(root, 'cloud/src/common/audit-labels.ts'),
  ...(fs.existsSync(features) ? fs.readdirSync(features) : []).map((f) => path.join(features, f, 'documents.ts')).filter((f) => fs.existsSync(f)),
  // WeChat's accessibility attributes, which src/app.ts gives the runtime
  path.resolve(root, 'config/weapp-aria.ts'),
  // the storage keys and first calls the browser build's index.html shares with the app (./preload-route.ts)
  path.resolve(root, 'config/boot-calls.ts'),
  // the browser build's stand-in for Taro's tab bar (below)
  path.resolve(root, 'config/no-taro-tabbar.ts'),
]

/**
 * Taro copies the root project.config.json into dist/weapp/ (miniprogramRoot rewritten to './',
 * appid from TARO_APP_ID). Its cloudfunctionRoot would then point to dist/weapp/dist/cloudfunctions,
 * so this re-emits that copy with the cloud functions' folder relative to dist/weapp.
 * The root file is for opening the repo in WeChat DevTools; the dist copy is for opening
 * dist/weapp alone, and is the one miniprogram-ci reads (scripts/lib/weapp-ci.ts).
 */
class DistProjectConfig {
  apply(compiler: Compiler) {
    const { webpack } = compiler
    compiler.hooks.thisCompilation.tap('DistProjectConfig', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'DistProjectConfig', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const file = path.join(root, 'project.config.json')
          if (!fs.existsSync(file)) return
          const config = JSON.parse(fs.readFileSync(file, 'utf8'))
          // packOptions paths are relative to the project folder: drop the dist/weapp/ prefix
          type Rule = { type: string; value: string }
          const rebase = (rules: Rule[] = []) =>
            rules.map((r) => ({ ...r, value: r.value.replace(/^(\.\/)?dist\/weapp\//, '') }))
          const out = {
            ...config,
            appid: process.env.TARO_APP_ID || process.env.WX_APPID || config.appid,
            miniprogramRoot: './',
            cloudfunctionRoot: '../cloudfunctions/',
            packOptions: {
              ignore: rebase(config.packOptions?.ignore),
              include: rebase(config.packOptions?.include),
            },
          }
          compilation.emitAsset('project.config.json', new webpack.sources.RawSource(JSON.stringify(out, null, 2)))
        },
      )
    })
  }
}

/** Keep licence banners inline: no *.LICENSE.txt files next to the bundles (they would be dead files in the package). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack-chain has no types here
function inlineLicenses(chain: any) {
  if (chain.optimization.minimizers.has('terserPlugin')) {
    chain.optimization.minimizer('terserPlugin').tap(([options]: [object]) => [{ ...options, extractComments: false }])
  }
}

/**
 * WeChat's accessibility attributes on <view>, <text> and <button> (./weapp-aria.ts): added to the
 * component list the weapp templates are generated from (the mini plugin's template, built after this), a
 * `role` written as WeChat's `aria-role`. The runtime gets the same table in src/app.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack-chain and Taro's template have no types here
function weappAria(chain: any) {
  type Template = {
    internalComponents: Record<string, Record<string, string>>
    replacePropName: (name: string, value: string, component: string, alias: object) => string
  }
  const template: Template | undefined = chain.plugins.has('miniPlugin') ? chain.plugin('miniPlugin').get('args')?.[0]?.combination?.config?.template : undefined
  if (!template) throw new Error('weapp build: Taro\'s mini plugin template was not found (./weapp-aria.ts cannot be applied)')
  for (const [component, attrs] of Object.entries(WEAPP_ARIA)) Object.assign(template.internalComponents[component], attrs)
  const replace = template.replacePropName.bind(template)
  template.replacePropName = (name, value, component, alias) => replace(weappAttrName(name), value, component, alias)
}

/** whether any source file under src/ contains `text` */
function sourceMentions(text: string, dir = path.join(root, 'src')): boolean {
  return fs.readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? sourceMentions(text, path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && fs.readFileSync(path.join(dir, e.name), 'utf8').includes(text),
  )
}

/**
 * Taro's base.wxml (main package) repeats each template at every level of nesting; its default list puts in two
 * the app never draws: <scroll-view> (2.3 KB a level; an import of ScrollView adds it back, the booking days
 * scroll by CSS) and the catch-view a <View catchMove> is drawn with (0.8 KB a level; kept while a file says catchMove).
 */
function trimDefaultTemplates() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Taro's runner keeps the list in this module
  const { componentConfig } = require('@tarojs/webpack5-runner/dist/utils/component') as { componentConfig: { includes: Set<string> } }
  componentConfig.includes.delete('scroll-view')
  if (!sourceMentions('catchMove')) componentConfig.includes.delete('catch-view')
}

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'village-hall',
    date: '2025-11-26',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-platform-weapp', '@tarojs/plugin-platform-h5'],
    // WeChat's logic layer has no `process`: every build-time value is replaced here, so the
    // bundles never read process.env at run time (test/weapp asserts it and runs them without it)
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // subscribe-message templates the app asks consent for (src/shared/subscribe.ts); the server's
      // notifier sends with the same WX_TEMPLATE_NOTICE. An object literal in the code; '' = not configured
      SUBSCRIBE_TEMPLATES: JSON.stringify({ notice: process.env.WX_TEMPLATE_NOTICE ?? '' }),
    },
    alias: {
      '@': path.resolve(root, 'src'),
      // the action contract: the client imports its types, and values only from @contract/tables (zod-free)
      '@contract': path.resolve(root, 'cloud/src/contract'),
    },
    copy: { patterns: [], options: {} },
    // weapp: Taro's templates are repeated per level of nesting in base.wxml (main package); deeper nodes render
    // through its `comp` component. 16 by default; the app's pages nest about 10 deep
    baseLevel: 10,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // modules used only by subpackages are moved out of the main package's common chunks
      optimizeMainPackage: { enable: true },
      // no page sets innerHTML (dangerouslySetInnerHTML): Taro's HTML parser stays out of taro.js
      runtime: { enableInnerHTML: false },
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.plugin('dist-project-config').use(DistProjectConfig)
        inlineLicenses(chain)
        if (process.env.TARO_ENV === 'weapp') {
          weappAria(chain)
          trimDefaultTemplates()
        }
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'chunk/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain, webpack) {
        // View and Text as plain elements, every other component Taro's web component (src/shared/ui/taro-components.h5.tsx)
        chain.resolve.alias.set('@tarojs/components$', path.resolve(root, 'src/shared/ui/taro-components.h5.tsx'))
        // Taro's own tab bar is never drawn (the app's is custom): its module gives way to a stub
        chain
          .plugin('no-taro-tabbar')
          .use(webpack.NormalModuleReplacementPlugin, [/@tarojs[\\/]router[\\/]dist[\\/]tabbar\.js$/, path.resolve(root, 'config/no-taro-tabbar.ts')])
        // Pages are already loaded with import() per route; also split what lazy pages share
        // (vendor code, shared modules) into their own chunks so the first route stays small.
        const splitChunks = chain.optimization.get('splitChunks')
        // Taro's minSize 0 made 首页 wait for 20 chunks, some of a few hundred bytes: below webpack's usual
        // 20 KB a shared module stays in each page's own chunk instead
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 20_000 })
        // the page in the address has its chunks fetched beside the entry, not after it, and 首页 its first calls
        chain.plugin('preload-route-chunks').use(PreloadRouteChunks, [{ bootCalls: BOOT_CALLS, identityKey: DEMO_OPENID_KEY }])
        inlineLicenses(chain)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
