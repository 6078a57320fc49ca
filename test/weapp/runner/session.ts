/**
 * One person's mini-program: the logic layer (logic.ts) with its wx (wx.ts) talking to a backend
 * (backend.ts), and the view layer (view.ts) rendering the top page's data. A test opens a page as
 * WeChat does on a link, reads what the view shows, and taps what the person would tap.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { MiniProgram, type PageInstance } from './logic'
import { findAll, pageHtml, textOf, type CompiledView, type VNode } from './view'
import type { CloudBackend } from './wx'

export interface SessionOptions {
  dist: string
  view: CompiledView
  backend: CloudBackend
  openid: string | null
  /** storage the person's phone already holds (e.g. the village picked last time) */
  storage?: Record<string, unknown>
  /** WeChat's font size setting (px; 17 is standard) */
  fontSizeSetting?: number
}

/** The tree with each node's ancestors, for finding the element an event is bound on. */
function withAncestors(root: VNode): { node: VNode; ancestors: VNode[] }[] {
  const out: { node: VNode; ancestors: VNode[] }[] = []
  const visit = (n: VNode, ancestors: VNode[]) => {
    out.push({ node: n, ancestors })
    for (const c of n.children) if (typeof c !== 'string') visit(c, [...ancestors, n])
  }
  visit(root, [])
  return out
}

const EVENT_ATTR = (type: string) => [`bind${type}`, `catch${type}`, `bind:${type}`, `catch:${type}`, `capture-bind:${type}`, `capture-catch:${type}`]

export function boundHandler(node: VNode, type: string): string | null {
  for (const a of EVENT_ATTR(type)) {
    const v = node.attr[a]
    if (typeof v === 'string' && v) return v
  }
  return null
}

export function datasetOf(node: VNode): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node.attr)) {
    if (k.startsWith('data-')) out[k.slice(5).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = v
  }
  return out
}

export class Session {
  readonly mp: MiniProgram
  page: PageInstance | null = null
  private readonly uploadDir: string

  constructor(private opts: SessionOptions) {
    this.uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-weapp-upload-'))
    this.mp = new MiniProgram({ dist: opts.dist, backend: opts.backend, openid: opts.openid, uploadDir: this.uploadDir, fontSizeSetting: opts.fontSizeSetting })
    for (const [k, v] of Object.entries(opts.storage ?? {})) this.mp.recorder.storage.set(k, v)
  }

  /** A cold start on the page, with the query as a link carries it (values URL-encoded). */
  async open(route: string, query: Record<string, string> = {}): Promise<PageInstance> {
    const encoded = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encodeURIComponent(v)]))
    this.mp.launch(route, encoded)
    this.page = this.mp.openPage(route, encoded)
    await this.mp.settle()
    return this.page
  }

  tree(): VNode {
    if (!this.page) throw new Error('no page open')
    return this.opts.view.render(`${this.page.route}.wxml`, this.page.data)
  }

  text(): string {
    return textOf(this.tree())
  }

  /** every text a tap reaches: the text of each element with a tap handler */
  tappable(): string[] {
    return findAll(this.tree(), (n) => boundHandler(n, 'tap') !== null).map((n) => textOf(n).trim()).filter(Boolean)
  }

  /**
   * Taps the element showing `label` (the innermost element whose text is exactly it, else the
   * innermost containing it), through the handler bound on it or its nearest ancestor, with the
   * event object WeChat builds. Then waits until the app is quiet.
   */
  async tap(label: string): Promise<void> {
    if (!this.page) throw new Error('no page open')
    const all = withAncestors(this.tree())
    const boundOf = ({ node, ancestors }: { node: VNode; ancestors: VNode[] }) => [node, ...[...ancestors].reverse()].find((n) => boundHandler(n, 'tap'))
    const exact = all.filter(({ node }) => textOf(node).trim() === label)
    const containing = all.filter(({ node }) => textOf(node).includes(label))
    // the first element in the page showing the label that a tap reaches (document order)
    const hit = (exact.length ? exact : containing).find((x) => boundOf(x))
    if (!hit) {
      if (exact.length || containing.length) throw new Error(`"${label}" on ${this.page.route} has no tap handler on it or around it`)
      throw new Error(`nothing on ${this.page.route} shows "${label}". It shows: ${this.text().slice(0, 600)}`)
    }
    const bound = boundOf(hit)!
    if (bound.attr.disabled === true) throw new Error(`"${label}" on ${this.page.route} is disabled`)
    const id = String(bound.attr.id ?? '')
    this.mp.fire(this.page, boundHandler(bound, 'tap')!, 'tap', { id, dataset: datasetOf(bound) })
    await this.mp.settle()
  }

  /** WeChat's custom tab bar on the open tab page, attached as WeChat does; its rendered tree and a tap on it. */
  async openTabBar(): Promise<{ tree: () => VNode; tap: (label: string) => Promise<void> }> {
    if (!this.page) throw new Error('no page open')
    const bar = this.mp.attachTabBar(this.page)
    await this.mp.settle()
    const tree = () => this.opts.view.render(`${bar.route}.wxml`, bar.data)
    const tap = async (label: string) => {
      const hit = withAncestors(tree()).find(({ node, ancestors }) => textOf(node).trim() === label && [node, ...ancestors].some((n) => boundHandler(n, 'tap')))
      if (!hit) throw new Error(`the tab bar shows no tappable "${label}": ${textOf(tree())}`)
      const bound = [hit.node, ...[...hit.ancestors].reverse()].find((n) => boundHandler(n, 'tap'))!
      this.mp.fire(bar, boundHandler(bound, 'tap')!, 'tap', { id: String(bound.attr.id ?? ''), dataset: datasetOf(bound) })
      await this.mp.settle()
    }
    return { tree, tap }
  }

  /** Scrolls to the end of the page: every observed element comes on screen. */
  async scrollToEnd(): Promise<void> {
    if (!this.page) throw new Error('no page open')
    const rect = { left: 0, top: 700, right: 390, bottom: 720, width: 390, height: 20 }
    for (const o of this.mp.recorder.observers.filter((x) => x.active)) {
      this.mp.fire(this.page, '__observer', 'intersection', { id: '', dataset: {} }, {}, () =>
        o.callback({ id: '', dataset: {}, intersectionRatio: 1, intersectionRect: rect, boundingClientRect: rect, relativeRect: rect, time: Date.now() }),
      )
    }
    if (typeof this.page.onReachBottom === 'function') this.page.onReachBottom()
    await this.mp.settle()
  }

  /** Types into the input or textarea whose placeholder is `placeholder` (WeChat's input event). */
  async input(placeholder: string, value: string): Promise<void> {
    if (!this.page) throw new Error('no page open')
    const field = findAll(this.tree(), (n) => (n.tag === 'input' || n.tag === 'textarea') && String(n.attr.placeholder ?? '').includes(placeholder))[0]
    if (!field) throw new Error(`no input with placeholder "${placeholder}" on ${this.page.route}`)
    const handler = boundHandler(field, 'input')
    if (!handler) throw new Error(`the input "${placeholder}" has no input handler`)
    this.mp.fire(this.page, handler, 'input', { id: String(field.attr.id ?? ''), dataset: datasetOf(field) }, { value, cursor: value.length, keyCode: 0 })
    await this.mp.settle()
  }

  /** The page as HTML beside the screenshot (file.html); the PNG only when a browser is given. */
  async screenshot(browser: Browser | null, file: string, title: string): Promise<void> {
    if (!this.page) throw new Error('no page open')
    const html = pageHtml(this.opts.dist, this.page.route, this.tree(), title)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file.replace(/\.png$/, '.html'), html)
    if (!browser) return
    const tab = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })
    try {
      await tab.setContent(html, { waitUntil: 'load' })
      await tab.screenshot({ path: file, fullPage: true })
    } finally {
      await tab.close()
    }
  }

  close(): void {
    this.mp.close()
    fs.rmSync(this.uploadDir, { recursive: true, force: true })
  }
}
