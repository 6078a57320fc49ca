/**
 * WeChat's logic layer over dist/weapp, in a Node `vm` context: the built files run exactly as built,
 * each wrapped as a module the way WeChat's module system does it (`require` resolves other built
 * files relative to the requiring file; never Node's require). The global scope has what WeChat's
 * has (App, Page, Component, Behavior, getApp, getCurrentPages, wx, timers, console) and nothing
 * else: no `process`, no Node `require`, and `window`/`document` are shadowed to undefined as
 * WeChat's module wrapper does. Any error thrown in there is recorded, and the test fails on it.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { createWx, type CloudBackend, type WxRecorder } from './wx'

/** the names WeChat's module wrapper shadows (they are parameters, called with undefined) */
const SHADOWED = [
  'window', 'document', 'frames', 'self', 'location', 'navigator', 'localStorage', 'history', 'Caches',
  'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest', 'WebSocket', 'Reporter', 'webkit', 'WeixinJSCore',
]

export interface RunnerError {
  where: string
  name: string
  message: string
  stack?: string
}

type AnyObj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PageInstance extends AnyObj {
  route: string
  options: Record<string, string>
  data: AnyObj
  setData(patch: AnyObj, cb?: () => void): void
}

/** Sets `root.cn.[0].cn.[2].v` (Taro's form) or `a.b[1].c` (WeChat's) inside obj. */
export function setPath(obj: AnyObj, key: string, value: unknown): void {
  const parts: (string | number)[] = []
  key.replace(/\[(\d+)\]|([^.[\]]+)/g, (_m, index: string | undefined, name: string | undefined) => {
    parts.push(index !== undefined ? Number(index) : (name as string))
    return ''
  })
  let cur: AnyObj = obj
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]
    if (cur[p] === null || typeof cur[p] !== 'object') cur[p] = typeof parts[i + 1] === 'number' ? [] : {}
    cur = cur[p]
  }
  cur[parts[parts.length - 1]] = value
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

export interface MiniProgramOptions {
  dist: string
  backend: CloudBackend
  openid: string | null
  uploadDir: string
  /** WeChat's font size setting (px); large turns 长辈模式 on */
  fontSizeSetting?: number
}

export class MiniProgram {
  readonly dist: string
  readonly errors: RunnerError[] = []
  readonly consoleErrors: string[] = []
  readonly recorder: WxRecorder
  readonly appJson: { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }
  openid: string | null
  private context: vm.Context
  private modules = new Map<string, { exports: unknown }>()
  private pageDefs = new Map<string, AnyObj>()
  private componentDefs = new Map<string, AnyObj>()
  private loadingPage: string | null = null
  private loadingComponent: string | null = null
  private stack: PageInstance[] = []
  private app: AnyObj | null = null
  private timers = new Set<NodeJS.Timeout>()
  /** when each pending one-shot timer is due */
  private due = new Map<NodeJS.Timeout, number>()
  private pending = 0
  private closed = false

  constructor(opts: MiniProgramOptions) {
    this.dist = opts.dist
    this.openid = opts.openid
    this.appJson = JSON.parse(fs.readFileSync(path.join(this.dist, 'app.json'), 'utf8'))
    this.recorder = createWx({
      backend: async (event, openid) => {
        this.pending++
        try {
          return await opts.backend(event, openid)
        } finally {
          this.pending--
        }
      },
      openid: () => this.openid,
      uploadDir: opts.uploadDir,
      fontSizeSetting: opts.fontSizeSetting,
      later: (fn) => this.later(fn, 0, 'wx callback'),
    })
    const record = (where: string) => (e: unknown) => this.recordError(where, e)
    const consoleStandIn = {
      log: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: () => undefined,
      error: (...a: unknown[]) => {
        this.consoleErrors.push(a.map((x) => (x instanceof Object && 'message' in x ? `${(x as Error).name}: ${(x as Error).message}` : String(x))).join(' '))
      },
      time: () => undefined,
      timeEnd: () => undefined,
      group: () => undefined,
      groupEnd: () => undefined,
    }
    const self = this
    const sandbox: AnyObj = {
      console: consoleStandIn,
      setTimeout: (fn: () => void, ms?: number, ...args: unknown[]) => self.later(() => fn(...(args as [])), ms ?? 0, 'setTimeout'),
      clearTimeout: (t: NodeJS.Timeout) => {
        clearTimeout(t)
        self.timers.delete(t)
        self.due.delete(t)
      },
      setInterval: (fn: () => void, ms?: number) => {
        const t = setInterval(() => {
          try {
            fn()
          } catch (e) {
            record('setInterval')(e)
          }
        }, Math.max(ms ?? 0, 10))
        self.timers.add(t)
        return t
      },
      clearInterval: (t: NodeJS.Timeout) => {
        clearInterval(t)
        self.timers.delete(t)
      },
      wx: this.recorder.wx,
      App: (options: AnyObj) => {
        this.app = options
      },
      Page: (options: AnyObj) => {
        if (!this.loadingPage) throw new Error('Page() called outside a page file')
        this.pageDefs.set(this.loadingPage, options)
      },
      Component: (options: AnyObj) => {
        const at = this.loadingComponent ?? this.loadingPage
        if (!at) throw new Error('Component() called outside a component file')
        if (this.loadingComponent) this.componentDefs.set(at, options)
        else this.pageDefs.set(at, { ...options, __component: true })
      },
      Behavior: (options: AnyObj) => options,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin(${name}): no plugins in this mini-program`)
      },
      __wxConfig: { envVersion: 'develop', platform: 'devtools', appLaunchInfo: { path: 'pages/home/index', query: {}, scene: 1001 } },
    }
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer', codeGeneration: { strings: true, wasm: false } })
    // unhandled rejections inside the context surface as the host's: record them as the app's errors
    process.on('unhandledRejection', this.onUnhandled)
  }

  private onUnhandled = (reason: unknown) => {
    if (!this.closed) this.recordError('unhandled rejection', reason)
  }

  recordError(where: string, e: unknown): void {
    const err = e as Error
    this.errors.push({
      where,
      name: err?.name ?? 'Error',
      message: err?.message ?? String(e),
      stack: err?.stack,
    })
  }

  private later(fn: () => void, ms: number, where: string): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t)
      this.due.delete(t)
      if (this.closed) return
      try {
        fn()
      } catch (e) {
        this.recordError(where, e)
      }
    }, ms)
    this.timers.add(t)
    this.due.set(t, Date.now() + ms)
    return t
  }

  /** WeChat's `require`: a built file, relative to the requiring file, `.js` optional. */
  private resolve(from: string, request: string): string {
    const base = request.startsWith('/') ? request.slice(1) : path.posix.join(path.posix.dirname(from), request)
    const normal = path.posix.normalize(base)
    if (normal.startsWith('..')) throw new Error(`module "${request}" is outside the package (from ${from})`)
    if (fs.existsSync(path.join(this.dist, normal)) && normal.endsWith('.js')) return normal
    if (fs.existsSync(path.join(this.dist, `${normal}.js`))) return `${normal}.js`
    if (fs.existsSync(path.join(this.dist, normal, 'index.js'))) return `${normal}/index.js`
    throw new Error(`module "${request}" is not defined (required from ${from})`)
  }

  require(file: string): unknown {
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const source = fs.readFileSync(path.join(this.dist, file), 'utf8')
    const wrapped = `(function (require, module, exports, ${SHADOWED.join(', ')}) {${source}\n})`
    const fn = new vm.Script(wrapped, { filename: `weapp:///${file}` }).runInContext(this.context) as (...a: unknown[]) => void
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const req = (request: string) => this.require(this.resolve(file, request))
    fn.call(module.exports, req, module, module.exports)
    return module.exports
  }

  /** app.js and App.onLaunch/onShow, as at a cold start on `path`. */
  launch(pagePath: string, query: Record<string, string>): void {
    this.guard('app.js', () => this.require('app.js'))
    if (!this.app) throw new Error('app.js did not call App()')
    const launch = { path: pagePath, query, scene: 1001, referrerInfo: {}, mode: 'default' }
    this.guard('App.onLaunch', () => this.app!.onLaunch?.call(this.app, launch))
    this.guard('App.onShow', () => this.app!.onShow?.call(this.app, launch))
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn()
    } catch (e) {
      this.recordError(where, e)
    }
  }

  private json(file: string): AnyObj {
    const f = path.join(this.dist, `${file}.json`)
    return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : {}
  }

  /** Runs a page's or component's JS with the marker set, so its Page()/Component() call is filed under that name. */
  private runDefining(marker: 'loadingPage' | 'loadingComponent', name: string): void {
    this[marker] = name
    try {
      this.guard(`${name}.js`, () => this.require(`${name}.js`))
    } finally {
      this[marker] = null
    }
  }

  /** The custom components a page or component uses, recursively: their JS runs first, as in WeChat. */
  private loadComponents(owner: string, seen = new Set<string>()): void {
    const using: Record<string, string> = this.json(owner).usingComponents ?? {}
    for (const ref of Object.values(using)) {
      const comp = ref.startsWith('/') ? ref.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(owner), ref))
      if (seen.has(comp)) continue
      seen.add(comp)
      if (!this.componentDefs.has(comp)) {
        this.runDefining('loadingComponent', comp)
        if (!this.componentDefs.has(comp)) this.recordError(`${comp}.js`, new Error(`${comp}.js did not call Component()`))
      }
      this.loadComponents(comp, seen)
    }
  }

  /**
   * Opens a page as WeChat does on a link: its JS (once), a new instance with the options' data,
   * then onLoad(query) with the query values as they arrive from the URL, onShow, onReady.
   */
  openPage(route: string, query: Record<string, string>): PageInstance {
    this.loadComponents(route)
    if (!this.pageDefs.has(route)) {
      this.runDefining('loadingPage', route)
    }
    const def = this.pageDefs.get(route)
    if (!def) throw new Error(`${route}.js did not call Page(): ${this.errors.map((e) => `${e.name}: ${e.message}`).join('; ')}`)
    const page = {} as PageInstance
    for (const [k, v] of Object.entries(def)) if (k !== 'data') page[k] = v
    Object.assign(page, def.methods ?? {})
    page.data = clone(def.data ?? {})
    page.route = route
    page.options = { ...query }
    page.__wxWebviewId__ = this.stack.length + 1
    page.__wxExparserNodeId__ = `page-${this.stack.length + 1}`
    page.setData = (patch: AnyObj, cb?: () => void) => {
      for (const [k, v] of Object.entries(patch)) setPath(page.data, k, clone(v))
      if (cb) this.later(cb, 0, `${route} setData callback`)
    }
    page.createSelectorQuery = () => this.recorder.wx.createSelectorQuery()
    page.selectComponent = () => null
    page.selectAllComponents = () => []
    page.getOpenerEventChannel = () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined })
    page.getPageId = () => `pageId-${this.stack.length}`
    this.stack.push(page)
    this.guard(`${route} onLoad`, () => page.onLoad?.call(page, { ...query }))
    this.guard(`${route} onShow`, () => page.onShow?.call(page))
    this.later(() => page.onReady?.call(page), 0, `${route} onReady`)
    return page
  }

  /**
   * WeChat's custom tab bar (app.json tabBar.custom) on a tab page: the component WeChat creates with the page
   * (one per tab page), attached. Its view is custom-tab-bar/index.wxml over its data; `fire` taps it.
   */
  attachTabBar(page: PageInstance): PageInstance {
    const name = 'custom-tab-bar/index'
    if (!this.componentDefs.has(name)) this.runDefining('loadingComponent', name)
    const def = this.componentDefs.get(name)
    if (!def) throw new Error(`${name}.js did not call Component(): ${this.errors.map((e) => `${e.name}: ${e.message}`).join('; ')}`)
    const bar = {} as PageInstance
    Object.assign(bar, def.methods ?? {})
    bar.data = clone(def.data ?? {})
    bar.route = name
    bar.options = {}
    bar.setData = (patch: AnyObj, cb?: () => void) => {
      for (const [k, v] of Object.entries(patch)) setPath(bar.data, k, clone(v))
      if (cb) this.later(cb, 0, `${name} setData callback`)
    }
    bar.getPageId = page.getPageId
    const attached = (def.lifetimes?.attached ?? def.attached) as ((this: PageInstance) => void) | undefined
    this.guard(`${name} attached`, () => attached?.call(bar))
    return bar
  }

  /** Fires an event on a node of the rendered view, as WeChat hands it to the bound handler. */
  fire(page: PageInstance, handler: string, type: string, node: { id: string; dataset: AnyObj }, detail: AnyObj = {}, direct?: () => void): void {
    if (direct) return this.guard(`${page.route} ${type}`, direct)
    const fn = page[handler]
    if (typeof fn !== 'function') throw new Error(`${page.route} has no method ${handler} (bound in the view)`)
    const target = { id: node.id, dataset: { ...node.dataset }, offsetLeft: 0, offsetTop: 0 }
    const touch = { identifier: 0, pageX: 20, pageY: 20, clientX: 20, clientY: 20, force: 1 }
    const event = {
      type,
      timeStamp: Date.now() % 100000,
      target,
      currentTarget: { ...target, dataset: { ...node.dataset } },
      mark: {},
      detail: type === 'tap' ? { x: 20, y: 20, ...detail } : detail,
      touches: type === 'tap' ? [] : [touch],
      changedTouches: [touch],
      mut: false,
      _userTap: type === 'tap',
    }
    this.guard(`${page.route} ${handler}(${type})`, () => fn.call(page, event))
  }

  /**
   * Waits until the app is quiet: no backend call in flight, no timer due within `horizonMs` (Taro's
   * nextTick polls every 20 ms), and no wx call for `quietMs`.
   */
  async settle(quietMs = 60, maxMs = 8000, horizonMs = 3000): Promise<void> {
    const started = Date.now()
    let quietSince = Date.now()
    let lastCalls = this.recorder.calls.length
    while (Date.now() - started < maxMs) {
      await new Promise((r) => setTimeout(r, 15))
      const soon = [...this.due.values()].some((at) => at <= Date.now() + horizonMs)
      if (this.pending > 0 || soon || this.recorder.calls.length !== lastCalls) {
        quietSince = Date.now()
        lastCalls = this.recorder.calls.length
        continue
      }
      if (Date.now() - quietSince >= quietMs) return
    }
  }

  close(): void {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    process.off('unhandledRejection', this.onUnhandled)
    for (const page of [...this.stack].reverse()) this.guard(`${page.route} onUnload`, () => page.onUnload?.call(page))
    this.stack = []
  }
}
