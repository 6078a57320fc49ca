/**
 * Debian's Chromium driven by playwright-core, against the local server started by the test.
 * Where Chromium is missing the suite says so loudly, and fails when CI is set.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startLocalServer } from '../../cloud/server/server'
import { buildH5IfNeeded } from '../../cloud/server/start'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = path.resolve(__dirname, '../artifacts')

export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true
  const msg = `\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! e2e: Chromium not found at ${CHROMIUM}.\n!! Install it: apt-get install -y chromium fonts-wqy-zenhei\n!! The browser tests are NOT running.\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`
  console.error(msg)
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the e2e suite cannot run in CI without it`)
  return false
}

/** The app in Chromium. `clock` lets a test move the server's time forward (to pass a deadline). */
export async function startApp(opts: { clock?: { now(): number } } = {}) {
  buildH5IfNeeded()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-e2e-'))
  const server = await startLocalServer({ port: 0, dataDir, staticDir: path.resolve(__dirname, '../../dist/h5'), jobIntervalMs: 0, quiet: true, clock: opts.clock })
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return {
    server,
    browser,
    /** a phone-sized page that reports the app's own errors */
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 414, height: 896 }, deviceScaleFactor: 1 })
      page.on('pageerror', (e) => console.error('[page error]', e))
      return page
    },
    /** 我的 → 切换体验身份 → a person, through the picker itself */
    async pickIdentity(page: Page, name: string) {
      await page.goto(`${server.url}/#/features/account/pages/identity/index`)
      await page.getByText(name, { exact: true }).click()
      await page.waitForURL(/pages\/home\/index/)
    },
    /**
     * Signs in as a demo person the way the picker does (the stored demo identity), then reloads on 首页:
     * a fresh page stack, so no hidden page of the previous person holds the same texts.
     */
    async signInAs(page: Page, name: string) {
      const ids = await server.router('dev.identities', {}, { openid: 'e2e' })
      const person = ids.ok ? (ids.data as Array<{ openid: string; name: string }>).find((p) => p.name === name) : undefined
      if (!person) throw new Error(`no demo person named ${name}`)
      const home = () => page.goto(`${server.url}/#/pages/home/index`)
      // a page the last step left may still be going back (navigateBack after a save): let it land, then go home
      await home().catch(async (e: unknown) => {
        if (!/interrupted by another navigation/.test(String(e))) throw e
        await page.waitForLoadState()
        await home()
      })
      await page.evaluate((openid) => {
        localStorage.setItem('vh.demoOpenid', JSON.stringify({ data: openid }))
        localStorage.removeItem('vh.currentVillage')
      }, person.openid)
      await page.reload()
      await page.waitForURL(/pages\/home\/index/)
      // 首页 drawn (its tab bar, 首页 selected) before the test goes elsewhere: Taro's router shows a tab page whose
      // code arrives late in place of the page opened meanwhile (it unloads it), which then never shows
      await page.getByRole('tab', { name: '首页', selected: true }).waitFor()
    },
    async close() {
      await browser.close()
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type App = Awaited<ReturnType<typeof startApp>>

/**
 * The app and one phone-sized page for a describe block: started before its tests (handed to `use`),
 * closed after them.
 */
export function appForSuite(use: (app: App, page: Page) => void, opts: Parameters<typeof startApp>[0] = {}): void {
  let app: App | undefined
  beforeAll(async () => {
    app = await startApp(opts)
    use(app, await app.newPage())
  })
  afterAll(async () => app?.close())
}
