/**
 * The mini-program as WeChat sees it: a fresh `taro build --type weapp`, then WeChat's own compiler
 * (miniprogram-ci, offline) compiles it, scans its quality and analyses its package sizes.
 *
 * miniprogram-ci leaves a file watcher running, so it runs in a child process
 * (scripts/weapp-check.ts --json, which always exits) and this suite only reads its report.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { subPackages, tabPages } from '../../src/routes'
import type { WeappCheckReport } from '../../scripts/weapp-check'
import { freshWeappBuild, type SharedBuild } from './runner/build'
import { MAIN_PACKAGE_BUDGET, SUBPACKAGE_BUDGET, TOTAL_BUDGET } from '../../scripts/lib/weapp-ci'

const ROOT = path.resolve(__dirname, '..', '..')
const DIST = path.join(ROOT, 'dist', 'weapp')
// issue 16: 400 KB (409,600 B) main, 200 KB each subpackage, 1.5 MB in all
const MAIN_PACKAGE_LIMIT = MAIN_PACKAGE_BUDGET

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { custom?: boolean; list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] }
  lazyCodeLoading?: string
  __usePrivacyCheck__?: boolean
  requiredPrivateInfos?: string[]
}

function runWeappCheck(): Promise<{ code: number | null; report: WeappCheckReport; stderr: string }> {
  return new Promise((resolve, reject) => {
    // dist/weapp was built fresh in this jest run (freshWeappBuild, shared with the runner's tests)
    const child = spawn('npx', ['tsx', 'scripts/weapp-check.ts', '--json', '--no-build'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').filter((l) => l.trim().startsWith('{')).pop()
      if (!last) return reject(new Error(`weapp-check printed no JSON (exit ${code}).\n${stderr.slice(-4000)}`))
      resolve({ code, report: JSON.parse(last) as WeappCheckReport, stderr })
    })
  })
}

let report: WeappCheckReport
let build: SharedBuild
let exitCode: number | null
let log: string
let appJson: AppJson

beforeAll(async () => {
  const started = Date.now()
  build = await freshWeappBuild()
  ;({ code: exitCode, report, stderr: log } = await runWeappCheck())
  console.log(`weapp build + WeChat compiler: ${((Date.now() - started) / 1000).toFixed(1)}s`)
  appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
}, 600_000)

describe('weapp build', () => {
  test('taro build --type weapp succeeds and produces a fresh dist/weapp', () => {
    if (!build.ok) throw new Error(`build failed: ${build.error}`)
    // built fresh in this jest run, by this file or by the runner's tests (whichever asked first)
    expect(build.built).toBe(true)
    if ('error' in report.build) throw new Error(`weapp-check: ${report.build.error}\n${log.slice(-4000)}`)
  })

  test('app.json has the 4 tab pages in the main package', () => {
    expect(appJson.pages).toEqual(Object.values(tabPages))
    expect(appJson.tabBar?.list.map((t) => t.pagePath)).toEqual(Object.values(tabPages))
    // the app's own tab bar (src/custom-tab-bar), which 长辈模式 enlarges and which shows the unread count
    expect(appJson.tabBar?.custom).toBe(true)
    expect(appJson.lazyCodeLoading).toBe('requiredComponents')
  })

  test('app.json declares the privacy check, and every location API the code calls (none today)', () => {
    expect(appJson.__usePrivacyCheck__).toBe(true)
    // WeChat refuses at review a location API that app.json does not declare: the shipped code is the proof
    const LOCATION_APIS = ['getLocation', 'chooseLocation', 'choosePoi', 'getFuzzyLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseAddress']
    const js = fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n')
    const used = LOCATION_APIS.filter((api) => new RegExp(`\\.${api}\\(`).test(js))
    expect((appJson.requiredPrivateInfos ?? []).sort()).toEqual(expect.arrayContaining(used.sort()))
    // the privacy popup is in the build, with WeChat's agree button
    expect(js).toContain('agreePrivacyAuthorization')
  })

  test('app.json has the account subpackage without the h5-only identity page', () => {
    const subs = appJson.subPackages ?? appJson.subpackages ?? []
    const account = subs.find((s) => s.root === subPackages.account.root)
    expect(account).toBeDefined()
    expect(account!.pages.sort()).toEqual(['pages/deletions/index', 'pages/join/index', 'pages/my-data/index', 'pages/notifications/index', 'pages/poster/index', 'pages/record/index', 'pages/register/index', 'pages/requests/index'])
    const all = [...appJson.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
    expect(all).not.toContain('features/account/pages/identity/index')
    expect(fs.existsSync(path.join(DIST, 'features/account/pages/identity/index.js'))).toBe(false)
  })

  test('the contract enters the mini-program as types only: no validation code, no demo sign-in', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    const js = files(DIST).filter((f) => f.endsWith('.js'))
    expect(js.length).toBeGreaterThan(5)
    for (const f of js) {
      const text = fs.readFileSync(f, 'utf8')
      expect({ file: path.relative(DIST, f), zod: /ZodError|ZodType/.test(text), demoHeader: text.includes('x-demo-openid') }).toEqual({
        file: path.relative(DIST, f),
        zod: false,
        demoHeader: false,
      })
    }
  })
})

describe("WeChat's compiler (miniprogram-ci, offline)", () => {
  test('getCompiledResult compiles the package', () => {
    if (!report.compile.ok) throw new Error(`getCompiledResult failed: ${report.compile.error}\n${log.slice(-4000)}`)
    const { paths } = report.compile
    expect(paths).toEqual(expect.arrayContaining(['app.js', 'app.json', 'app.wxss']))
    for (const page of Object.values(tabPages)) expect(paths).toContain(`${page}.js`)
    for (const page of ['join', 'requests', 'notifications', 'record']) {
      expect(paths).toContain(`features/account/pages/${page}/index.js`)
    }
    expect(paths).not.toContain('features/account/pages/identity/index.js')
    // tabBar icons sit outside the dependency graph: they must still be in the package
    const icons = (appJson.tabBar?.list ?? []).flatMap((t) => [t.iconPath, t.selectedIconPath]).filter(Boolean)
    for (const icon of icons) expect(paths).toContain(icon)
    // and the custom tab bar WeChat draws on each tab page
    for (const f of ['index.js', 'index.json', 'index.wxml']) expect(paths).toContain(`custom-tab-bar/${f}`)
  })

  test('every code quality rule passes', () => {
    if ('error' in report.quality) throw new Error(`checkCodeQuality failed: ${report.quality.error}`)
    const { items } = report.quality
    const failing = items.filter((i) => !i.success)
    if (failing.length) console.error(`failing quality rules:\n${failing.map((i) => `  ${i.name}: ${i.text}`).join('\n')}`)
    // the rules this project depends on are all present, so the check cannot pass vacuously
    expect(items.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'PACKAGE_SIZE_LIMIT',
        'JS_COMPRESS_OPEN',
        'WXML_COMPRESS_OPEN',
        'WXSS_COMPRESS_OPEN',
        'LAZYCODE_LOADING_OPEN',
        'CONTAINS_OTHER_PKG_JS',
        'CONTAINS_UNUSED_CODES',
      ]),
    )
    for (const item of items) expect({ rule: item.name, success: item.success }).toEqual({ rule: item.name, success: true })
  })

  test(`analyseCode: main package at most ${MAIN_PACKAGE_LIMIT} bytes, each subpackage ${SUBPACKAGE_BUDGET}, total ${TOTAL_BUDGET}`, () => {
    if ('error' in report.analyse) throw new Error(`analyseCode failed: ${report.analyse.error}`)
    const { mainPackage, subPackages: subs, total } = report.analyse
    console.log(
      `main package ${mainPackage} B; ${subs.map((s) => `${s.root} ${s.bytes} B`).join('; ')}; total ${total} B`,
    )
    expect(mainPackage).toBeGreaterThan(0)
    expect(mainPackage).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT)
    const account = subs.find((s) => s.root === 'features/account')
    expect(account).toBeDefined()
    expect(account!.bytes).toBeGreaterThan(0)
    expect(total).toBe(mainPackage + subs.reduce((sum, s) => sum + s.bytes, 0))
    for (const s of subs) expect({ root: s.root, withinBudget: s.bytes <= SUBPACKAGE_BUDGET }).toEqual({ root: s.root, withinBudget: true })
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET)
  })

  test('weapp-check reports success and exits 0', () => {
    expect(report.ok).toBe(true)
    expect(exitCode).toBe(0)
  })
})
