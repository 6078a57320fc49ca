import path from 'node:path'
import type { Compilation, Compiler } from 'webpack'

const NAME = 'PreloadRouteChunks'

/**
 * The browser build (./index.ts): index.html starts fetching the chunks of the page in its address together with
 * the entry scripts. Taro's router asks for a page's chunks only once the entry has run, so the first page waited
 * for a second round of requests after the entry's; now they are in the memory cache when the router asks.
 * An inline script (ES5: it is not compiled) reads the hash route (an empty one opens the first page of the route
 * table) and adds a <link rel=preload> for each of that page's files, at low priority: at Chromium's default (high)
 * they went ahead of the entry scripts (low), which then arrived later than without them.
 */
export class PreloadRouteChunks {
  apply(compiler: Compiler) {
    // the html-webpack-plugin that Taro's runner registers: its hooks belong to that copy of the module
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [path.dirname(require.resolve('@tarojs/webpack5-runner'))] })) as typeof import('html-webpack-plugin')
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const { files, routes, first } = routeFiles(compilation)
        if (!first) throw new Error('h5 build: the route table\'s page chunks were not found (config/preload-route.ts)')
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const script =
          `!function(f,r,d){var p=location.hash.replace(/^#\\/?/,'').split('?')[0]||d,c=r[p]||[];` +
          `for(var i=0;i<c.length;i++){var l=document.createElement('link'),h=f[c[i]];` +
          `l.rel='preload';l.fetchPriority='low';l.as=/\\.css$/.test(h)?'style':'script';l.href=${JSON.stringify(publicPath)}+h;document.head.appendChild(l)}}` +
          `(${JSON.stringify(files)},${JSON.stringify(routes)},${JSON.stringify(first)})`
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: NAME }, attributes: {}, innerHTML: script })
        return data
      })
    })
  }
}

/** each page's JS and CSS files (indices into `files`), from the import() of each route in Taro's route table */
function routeFiles(compilation: Compilation) {
  const files: string[] = []
  const routes: Record<string, number[]> = {}
  let first: { route: string; line: number } | undefined
  for (const group of compilation.chunkGroups) {
    if (group.isInitial()) continue
    for (const origin of group.origins) {
      // Taro's loader turns src/app.config.ts into the entry holding the routes: { path, load: () => import('./pages/…') }
      const resource = (origin.module as { resource?: string } | null)?.resource ?? ''
      if (!/app\.config\.[jt]s$/.test(resource) || !origin.request?.startsWith('./')) continue
      const route = origin.request.slice(2)
      routes[route] = group.chunks
        .flatMap((chunk) => [...chunk.files])
        .filter((f) => /\.(js|css)$/.test(f))
        .map((f) => (files.includes(f) ? files.indexOf(f) : files.push(f) - 1))
      const line = origin.loc && 'start' in origin.loc ? origin.loc.start.line : Infinity
      if (!first || line < first.line) first = { route, line }
    }
  }
  return { files, routes, first: first?.route }
}
