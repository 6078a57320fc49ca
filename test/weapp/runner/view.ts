/**
 * WeChat's view layer, headless: every .wxml/.wxs of dist/weapp compiled by WeChat's own template
 * compiler (wcc, from miniprogram-compiler) into the `$gwx` function the webview runs; a page's data
 * rendered through it into a virtual tree (Taro's recursive base.wxml templates resolved, custom
 * components such as Taro's `comp` rendered with their own template); the tree turned into HTML with
 * the built .wxss (rpx → px at a 390px wide screen) for a screenshot in Chromium.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'

const BIN = path.resolve(__dirname, '../../../node_modules/miniprogram-compiler/bin/linux')

/** wcc/wcsc are installed without the exec bit: run copies from a temp dir. */
function compilerPath(name: 'wcc' | 'wcsc'): string {
  const dir = path.join(os.tmpdir(), `vh-wx-compiler-${process.getuid?.() ?? 0}`)
  const target = path.join(dir, name)
  const source = path.join(BIN, name)
  if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(source).size) {
    fs.mkdirSync(dir, { recursive: true })
    const tmp = `${target}.${process.pid}`
    fs.copyFileSync(source, tmp)
    fs.chmodSync(tmp, 0o755)
    fs.renameSync(tmp, target)
  }
  return target
}

function walk(dir: string, root = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? walk(full, root) : [path.relative(root, full).split(path.sep).join('/')]
  })
}

export interface VNode {
  tag: string
  attr: Record<string, unknown>
  children: (VNode | string)[]
}

type RawNode = { tag?: string; attr?: Record<string, unknown>; children?: unknown[]; raw?: unknown; wxXCkey?: number } | string

export interface CompiledView {
  /** the wxml files, e.g. 'pages/home/index.wxml' */
  files: string[]
  render(wxmlPath: string, data: Record<string, unknown>): VNode
  /** custom component name → its template, per owner file (from the .json usingComponents) */
  usingComponents(owner: string): Record<string, string>
}

/** wcc over every .wxml and .wxs of the package, as the DevTools does for the webview. */
export function compileView(dist: string): CompiledView {
  const all = walk(dist)
  const wxml = all.filter((f) => f.endsWith('.wxml'))
  const wxs = all.filter((f) => f.endsWith('.wxs'))
  const readJson = (file: string): Record<string, unknown> => {
    const f = path.join(dist, file.replace(/\.wxml$/, '.json'))
    return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : {}
  }
  const using = new Map<string, Record<string, string>>()
  for (const f of wxml) {
    const u = readJson(f).usingComponents as Record<string, string> | undefined
    if (u) {
      using.set(
        f,
        Object.fromEntries(
          Object.entries(u).map(([name, ref]) => [name, `${ref.startsWith('/') ? ref.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(f), ref))}.wxml`]),
        ),
      )
    }
  }
  const componentArgs = [String(using.size), ...[...using].flatMap(([f, u]) => [f, String(Object.keys(u).length), ...Object.keys(u)])]
  const run = spawnSync(compilerPath('wcc'), ['-d', '-cc', componentArgs.join(' '), ...wxml, ...wxs, '-gn', '$gwx'], {
    cwd: dist,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (run.status !== 0) throw new Error(`wcc failed (exit ${run.status}): ${run.stderr?.toString() || run.error}`)
  const code = run.stdout.toString()

  // the webview's globals the generated code touches
  const warnings: string[] = []
  const sandbox: Record<string, unknown> = {
    console: { log: () => undefined, warn: (...a: unknown[]) => warnings.push(a.join(' ')), error: (...a: unknown[]) => warnings.push(a.join(' ')) },
  }
  sandbox.window = sandbox
  const context = vm.createContext(sandbox)
  new vm.Script(`${code}\n;this.__gwx = $gwx;`, { filename: 'weapp:///$gwx.js' }).runInContext(context)
  // data must be the webview realm's own objects: the generated code tests constructors
  const parseInView = vm.runInContext('JSON.parse', context) as (s: string) => unknown
  const gwx = sandbox.__gwx as (p: string, g?: unknown) => ((env: unknown, dd: unknown, global: unknown) => RawNode) | undefined

  const toVNode = (raw: RawNode): VNode | string | null => {
    if (typeof raw === 'string') return raw
    if (raw === null || typeof raw !== 'object') return raw === undefined ? null : String(raw)
    const children = (raw.children ?? []).map((c) => toVNode(c as RawNode)).filter((c): c is VNode | string => c !== null && c !== '')
    return { tag: String(raw.tag ?? 'virtual').replace(/^wx-/, ''), attr: { ...(raw.attr ?? {}) }, children }
  }

  const renderFile = (file: string, data: Record<string, unknown>, depth: number): VNode => {
    const fn = gwx(file)
    if (!fn) throw new Error(`$gwx has no template for ${file}`)
    warnings.length = 0
    const raw = fn(parseInView(JSON.stringify(data)), {}, {})
    const tree = toVNode(raw) as VNode
    if (warnings.some((w) => /WXMLRT|not found|recursively/i.test(w))) throw new Error(`rendering ${file}: ${warnings.join('; ')}`)
    return expandComponents(file, tree, depth)
  }

  // a custom component's node is replaced by its own template rendered with its properties
  const expandComponents = (owner: string, node: VNode, depth: number): VNode => {
    const comps = using.get(owner) ?? {}
    const expand = (n: VNode | string): VNode | string => {
      if (typeof n === 'string') return n
      const template = comps[n.tag]
      if (template) {
        if (depth > 40) throw new Error(`custom components nested deeper than 40 at ${owner}`)
        const inner = renderFile(template, n.attr, depth + 1)
        return { tag: n.tag, attr: { ...n.attr, 'data-component': template }, children: inner.children }
      }
      return { ...n, children: n.children.map(expand) }
    }
    return expand(node) as VNode
  }

  return {
    files: wxml,
    render: (file, data) => renderFile(file, data, 0),
    usingComponents: (owner) => using.get(owner) ?? {},
  }
}

/** All the text of a tree, in order (text nodes and Taro's text content). */
export function textOf(node: VNode | string): string {
  if (typeof node === 'string') return node
  return node.children.map(textOf).join('')
}

/** Depth-first search of the tree. */
export function findAll(node: VNode | string, pred: (n: VNode) => boolean, out: VNode[] = []): VNode[] {
  if (typeof node === 'string') return out
  if (pred(node)) out.push(node)
  for (const c of node.children) findAll(c, pred, out)
  return out
}

// ---- HTML for the screenshot ----

const rpx = (css: string, width = 390) => css.replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `${((Number(n) * width) / 750).toFixed(2)}px`)

const TAG_MAP: Record<string, string> = {
  view: 'div',
  text: 'span',
  button: 'button',
  input: 'input',
  textarea: 'textarea',
  image: 'img',
  'scroll-view': 'div',
  swiper: 'div',
  'swiper-item': 'div',
  navigator: 'a',
  label: 'label',
  form: 'form',
  picker: 'div',
  'picker-view': 'div',
  switch: 'input',
  checkbox: 'input',
  radio: 'input',
  'rich-text': 'div',
  icon: 'span',
  'block': 'div',
  page: 'div',
}

/** WeChat's element selectors (view, text, button…) as the classes the HTML carries. */
function wxssToCss(wxss: string): string {
  let css = rpx(wxss)
  css = css.replace(/(^|[\s,>+~}(])(page|view|text|button|input|textarea|image|scroll-view|swiper|navigator|label|picker|switch|checkbox|radio|icon)(?=[\s,.:#[>+~{)])/g, '$1.wx-$2')
  return css
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;')

function toHtml(node: VNode | string): string {
  if (typeof node === 'string') return esc(node)
  if (node.tag === 'virtual' || node.tag === 'block' || node.tag === 'comp' || node.tag === 'custom-wrapper') return node.children.map(toHtml).join('')
  const el = TAG_MAP[node.tag] ?? 'div'
  const a = node.attr
  const cls = [`wx-${node.tag}`, typeof a.class === 'string' ? a.class : ''].filter(Boolean).join(' ')
  const attrs: string[] = [`class="${escAttr(cls)}"`]
  if (typeof a.style === 'string' && a.style) attrs.push(`style="${escAttr(rpx(a.style))}"`)
  if (typeof a.id === 'string' && a.id) attrs.push(`id="${escAttr(a.id)}"`)
  if (node.tag === 'input' || node.tag === 'textarea') {
    const value = String(a.value ?? '')
    const ph = String(a.placeholder ?? '')
    if (node.tag === 'input') {
      const type = a.password ? 'password' : 'text'
      return `<input class="${escAttr(cls)}" type="${type}" value="${escAttr(value)}" placeholder="${escAttr(ph)}"${a.disabled ? ' disabled' : ''}>`
    }
    return `<textarea class="${escAttr(cls)}" placeholder="${escAttr(ph)}">${esc(value)}</textarea>`
  }
  if (node.tag === 'switch' || node.tag === 'checkbox' || node.tag === 'radio') {
    return `<input class="${escAttr(cls)}" type="checkbox"${a.checked ? ' checked' : ''}>${node.children.map(toHtml).join('')}`
  }
  if (node.tag === 'image') return `<img class="${escAttr(cls)}" alt="" src="${escAttr(String(a.src ?? ''))}">`
  if (node.tag === 'button' && a.disabled) attrs.push('disabled')
  return `<${el} ${attrs.join(' ')}>${node.children.map(toHtml).join('')}</${el}>`
}

/** app.wxss (and what it imports) + the page's .wxss, with the subpackage's shared styles. */
export function pageCss(dist: string, route: string): string {
  const seen = new Set<string>()
  const read = (file: string): string => {
    const full = path.join(dist, file)
    if (seen.has(file) || !fs.existsSync(full)) return ''
    seen.add(file)
    const text = fs.readFileSync(full, 'utf8')
    return text.replace(/@import\s+["']([^"']+)["'];?/g, (_m, ref: string) =>
      read(ref.startsWith('/') ? ref.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), ref))),
    )
  }
  return [read('app.wxss'), read(`${route}.wxss`)].map(wxssToCss).join('\n')
}

export function pageHtml(dist: string, route: string, tree: VNode, title: string): string {
  const base = `
    html, body { margin: 0; padding: 0; }
    body { width: 390px; font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: 16px; background: #f6f3ee; color: #1f1f1f; }
    .wx-navbar { height: 44px; line-height: 44px; text-align: center; background: #b71c1c; color: #fff; font-size: 17px; }
    .wx-view, .wx-page, .wx-scroll-view, .wx-swiper, .wx-form, .wx-picker { display: block; }
    .wx-text { display: inline; white-space: pre-wrap; }
    .wx-button { display: block; width: 100%; box-sizing: border-box; padding: 10px; margin: 8px 0; font-size: 17px; border-radius: 6px; border: 1px solid #ddd; background: #f8f8f8; }
    .wx-input { display: block; box-sizing: border-box; width: 100%; height: 40px; }
    .wx-textarea { display: block; box-sizing: border-box; width: 100%; height: 80px; }
  `
  return `<!doctype html><html><head><meta charset="utf-8"><style>${base}\n${pageCss(dist, route)}</style></head><body>` +
    `<div class="wx-navbar">${esc(title)}</div><div class="wx-page">${toHtml(tree)}</div></body></html>`
}
