import path from 'node:path'
import type { Compilation, Compiler } from 'webpack'
import type { BootCall } from './boot-calls'

const NAME = 'PreloadRouteChunks'

/**
 * The browser build (./index.ts): index.html loads the chunks of the page in its address together with the entry
 * scripts. Taro's router asks for a page's chunks only once the entry has run, so the first page waited for a second
 * round of requests after the entry's; and, fetched early but run only when the router asked, each chunk then still
 * took a task of its own while the empty frame was painted. Now each runs as soon as it arrives: an async <script>
 * (a chunk run before the entry waits in webpack's chunk list, which the entry takes up; the router's own request
 * for it finds it installed, or this very <script> still loading) and its CSS as a stylesheet.
 * An inline script (ES5: it is not compiled) reads the hash route (an empty one opens the first page of the route
 * table) and adds them at low priority: at Chromium's default (high) they went ahead of the entry scripts (low),
 * which then arrived later than without them.
 * It also makes that page's boot calls (./boot-calls.ts), in one request: their answers are in when the app asks.
 */
export class PreloadRouteChunks {
  constructor(private readonly options: { bootCalls?: Record<string, BootCall[]>; identityKey?: string } = {}) {}

  apply(compiler: Compiler) {
    // the html-webpack-plugin that Taro's runner registers: its hooks belong to that copy of the module
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [path.dirname(require.resolve('@tarojs/webpack5-runner'))] })) as typeof import('html-webpack-plugin')
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const { files, routes, first } = routeFiles(compilation)
        if (!first) throw new Error('h5 build: the route table\'s page chunks were not found (config/preload-route.ts)')
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const boot = Object.fromEntries(Object.entries(this.options.bootCalls ?? {}).filter(([route]) => route in routes))
        const script =
          `!function(f,r,d,b,k){var p=location.hash.replace(/^#\\/?/,'').split('?')[0]||d,c=r[p]||[];` +
          `for(var i=0;i<c.length;i++){var h=${JSON.stringify(publicPath)}+f[c[i]],l;` +
          `if(/\\.css$/.test(h)){l=document.createElement('link');l.rel='stylesheet';l.href=h}` +
          `else{l=document.createElement('script');l.async=true;l.src=h}` +
          `l.fetchPriority='low';l.setAttribute('data-vh-route','');document.head.appendChild(l)}` +
          BOOT_CALLS +
          `}(${JSON.stringify(files)},${JSON.stringify(routes)},${JSON.stringify(first)},${JSON.stringify(boot)},${JSON.stringify(this.options.identityKey ?? '')})`
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: NAME }, attributes: {}, innerHTML: script })
        return data
      })
    })
  }
}

/**
 * The boot calls of route p (ES5, inside the script above: b the calls by route, k the identity's storage key), each
 * with the input the app's local transport would post, all in one request to the local server's POST /api/batch;
 * each answer kept on window.__vhBoot under `${action} ${body}` as a promise of its result. One XMLHttpRequest, not a
 * fetch per call: its answer is read and parsed in one task, which runs before the app's scripts (a fetch's answer
 * takes a task for its headers and more for its body, and those waited behind the scripts' evaluation).
 * Nothing starts without an identity (a first visit gets one from the app); a failed batch leaves each call to the app.
 */
const BOOT_CALLS =
  `var q=b[p],s=function(n){try{var v=JSON.parse(localStorage.getItem(n));return v&&v.data}catch(e){}},o=s(k),C=[],K=[];` +
  `for(var j=0;q&&j<q.length;j++){var x=q[j],m={},g=true,y;for(y in x.input){var u=s(x.input[y]);if(u)m[y]=u}` +
  `for(y=0;x.needs&&y<x.needs.length;y++)if(!(x.needs[y] in m))g=false;` +
  `if(g){C.push({action:x.action,input:m});K.push(x.action+' '+JSON.stringify(m))}}` +
  `if(C.length&&o&&window.Promise){var a=window.__vhBoot={at:Date.now(),answers:{}},z=new Promise(function(ok,no){` +
  `var X=new XMLHttpRequest();X.open('POST','/api/batch');X.setRequestHeader('content-type','application/json');` +
  `X.setRequestHeader('x-demo-openid',o);X.responseType='json';X.onload=function(){X.status===200&&X.response?ok(X.response):no()};` +
  `X.onerror=X.onabort=no;X.send(JSON.stringify(C))});` +
  `K.forEach(function(key,i){var r=z.then(function(v){if(!v[i])throw 0;return v[i]});r['catch'](function(){});a.answers[key]=r})}`

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
