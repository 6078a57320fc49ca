/**
 * 首页's first paint in Chromium (`npm run bench -- --only=paint`), against a bare Taro h5 page: a one-page app
 * (a <View> with one <Text>) built by the same Taro, config/ and babel.config.js into a temp folder, served by the
 * same local server. Each run is a fresh browser context (nothing cached), the two pages taken in turn; medians.
 * 首页 is opened as a returning person would (林水生, the village he last acted in stored): FCP, and the time until
 * its first screen has its content, the 待办 card and 本村概况's figures (issue 16: FCP ≤ 1.2×, time-to-content ≤ 1.3×).
 */
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { startLocalServer } from '../../cloud/server/server'

const ROOT = path.resolve(__dirname, '..', '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const BARE = path.join(os.tmpdir(), 'vh-bench-bare-taro')
const RUNS = 7

const BARE_FILES: Record<string, string> = {
  'src/app.ts': "import type { PropsWithChildren } from 'react'\n\nexport default function App({ children }: PropsWithChildren) {\n  return children\n}\n",
  'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/index/index'], window: { navigationBarTitleText: '村居议事厅' } })\n",
  'src/pages/index/index.config.ts': "export default definePageConfig({ navigationBarTitleText: '村居议事厅' })\n",
  'src/pages/index/index.tsx':
    "import { Text, View } from '@tarojs/components'\n\nexport default function Index() {\n  return (\n    <View>\n      <Text>村居议事厅</Text>\n    </View>\n  )\n}\n",
}

const newest = (files: string[]) => Math.max(...files.map((f) => fs.statSync(f).mtimeMs))

/** the bare page's dist/h5, built when missing or older than the build settings it shares with the app */
export function buildBarePage(): string {
  // with the browser's components the config aliases (View and Text as plain elements): the bare page is drawn as the app's are
  const components = ['src/shared/ui/taro-components.h5.tsx', 'src/shared/ui/plain-components.h5.tsx']
  const shared = ['package.json', 'babel.config.js', 'tsconfig.json', 'src/index.html', ...components, ...fs.readdirSync(path.join(ROOT, 'config')).map((f) => `config/${f}`)]
  const dist = path.join(BARE, 'dist/h5')
  const index = path.join(dist, 'index.html')
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(shared.map((f) => path.join(ROOT, f)))) return dist
  fs.rmSync(BARE, { recursive: true, force: true })
  for (const f of shared) fs.cpSync(path.join(ROOT, f), path.join(BARE, f))
  for (const [f, text] of Object.entries(BARE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(BARE, f)), { recursive: true })
    fs.writeFileSync(path.join(BARE, f), text)
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(BARE, 'node_modules'))
  // Taro's log to stderr: the bench's table keeps stdout
  execSync('npx taro build --type h5', { cwd: BARE, stdio: ['ignore', 2, 2], env: { ...process.env, NODE_ENV: 'production' }, timeout: 600_000 })
  return dist
}

interface Paint {
  fcp: number
  /** when the page's content is on screen */
  content: number
  /** the API calls the page made, in order */
  calls: string[]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** one fresh load of url: FCP and the moment `ready` first holds (checked every frame), both from navigation start */
async function paintOf(browser: Browser, url: string, ready: string, storage: Record<string, string>): Promise<Paint> {
  const context = await browser.newContext({ viewport: { width: 414, height: 896 }, deviceScaleFactor: 1 })
  try {
    await context.addInitScript((items: Record<string, string>) => {
      for (const [k, v] of Object.entries(items)) if (localStorage.getItem(k) === null) localStorage.setItem(k, JSON.stringify({ data: v }))
    }, storage)
    const page = await context.newPage()
    const calls: string[] = []
    page.on('request', (r) => {
      const m = new URL(r.url()).pathname.match(/^\/api\/(.+)$/)
      // index.html's boot calls go as one POST /api/batch: listed each as its own
      if (m?.[1] === 'batch') calls.push(`batch(${(JSON.parse(r.postData() ?? '[]') as Array<{ action: string }>).map((c) => c.action).join(', ')})`)
      else if (m) calls.push(m[1])
    })
    await page.goto(url, { waitUntil: 'commit' })
    const content = (await (
      await page.waitForFunction(`(() => (${ready}) && performance.now())()`, undefined, { polling: 'raf', timeout: 30_000 })
    ).jsonValue()) as number
    const fcp = (await (
      await page.waitForFunction("performance.getEntriesByName('first-contentful-paint')[0]?.startTime", undefined, { timeout: 30_000 })
    ).jsonValue()) as number
    return { fcp, content, calls }
  } finally {
    await context.close()
  }
}

export interface FirstPaint {
  bare: { fcp: number; content: number }
  home: { fcp: number; content: number; calls: string[] }
  runs: number
}

export async function measureFirstPaint(appDist: string): Promise<FirstPaint> {
  const bareDist = buildBarePage()
  const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'bench-paint-')), fs.mkdtempSync(path.join(os.tmpdir(), 'bench-paint-bare-'))]
  const app = await startLocalServer({ port: 0, dataDir: dirs[0], staticDir: appDist, jobIntervalMs: 0, quiet: true })
  const bare = await startLocalServer({ port: 0, dataDir: dirs[1], staticDir: bareDist, jobIntervalMs: 0, quiet: true, seed: false })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  try {
    const bareRuns: Paint[] = []
    const homeRuns: Paint[] = []
    // one of each first, unmeasured: the servers' and Chromium's own first-time costs
    for (let i = 0; i <= RUNS; i++) {
      const b = await paintOf(browser, `${bare.url}/`, "document.querySelector('#app')?.textContent?.includes('村居议事厅')", {})
      const h = await paintOf(
        browser,
        `${app.url}/#/pages/home/index`,
        // the 待办 card (a row of 我的待办) and 本村概况 with its figures
        "!!document.body && document.body.textContent.includes('我的待办') && document.body.textContent.includes('本村概况')",
        { 'vh.demoOpenid': 'demo-linshuisheng', 'vh.currentVillage': 'v-xinshan' },
      )
      if (i === 0) continue
      bareRuns.push(b)
      homeRuns.push(h)
    }
    return {
      bare: { fcp: median(bareRuns.map((r) => r.fcp)), content: median(bareRuns.map((r) => r.content)) },
      home: { fcp: median(homeRuns.map((r) => r.fcp)), content: median(homeRuns.map((r) => r.content)), calls: homeRuns[homeRuns.length - 1].calls },
      runs: RUNS,
    }
  } finally {
    await browser.close()
    await app.close()
    await bare.close()
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  }
}
