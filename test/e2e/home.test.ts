/** Issue 15: 首页 knows who opens it — screenshots for a resident, the committee, a grid worker, a town officer and the hall staff; never stale. */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { firstRouteOf } from '../../scripts/lib/h5-first-route'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

run('in Chromium: 首页 per role', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  const row = (label: string) => page.locator('.vh-row').filter({ hasText: label }).locator('visible=true').first()

  test('each role sees its own 待办 with counts (screenshots in test/artifacts)', async () => {
    for (const [name, file, waitFor] of [
      ['陈建国', 'home-resident', '我的待办'],
      ['林志强', 'home-committee', '村委会待办'],
      ['黄伟明', 'home-grid-worker', '网格待办'],
      ['蔡国华', 'home-town-officer', '镇街待办'],
      ['张秀英', 'home-hall-staff', '服务中心待办'],
    ] as const) {
      await app.signInAs(page, name)
      await page.getByText(waitFor, { exact: true }).waitFor()
      await page.waitForTimeout(800) // let every card finish loading before the screenshot
      await page.screenshot({ path: path.join(ARTIFACTS, `${file}.png`), fullPage: true })
    }
    // 张秀英 is no resident of 新山村: nothing of a resident's is asked of her; her hall's day is, a tap from its page
    expect(await page.getByText('我的待办', { exact: true }).count()).toBe(0)
    await row('明天长者饭堂备餐').getByText(/^\d+ 份$/).waitFor()
    await row('今天待签到的预约').click()
    await page.waitForURL(/booking\/pages\/day\/index/)

    // 蔡国华: the town's overdue reports by village, opening the town's workspace
    await app.signInAs(page, '蔡国华')
    expect(await page.getByText('我的待办', { exact: true }).count()).toBe(0)
    await row('逾期未办的随手拍').getByText(/新山村\d+件/).waitFor()
    await row('逾期未办的随手拍').click()
    await page.waitForURL(/workspace\/pages\/town\/index/)

    await app.signInAs(page, '陈建国')
    await row('村规民约待阅读承诺').waitFor()
    await row('待投票的议题').getByText('2 个').waitFor()
  })

  test('opened cold, 首页’s chunks are fetched by index.html beside the entry, each once; another page’s are not', async () => {
    const { home } = firstRouteOf(path.resolve(__dirname, '../../dist/h5'))
    // each chunk fetched (once per resource entry), with who added the element that asked for it: index.html's own
    // <script>/<link> (data-vh-route), or webpack's after the entry has run (which removes its scripts once loaded)
    const opened = async (url: string) => {
      const p = await app.browser.newPage({ viewport: { width: 414, height: 896 } })
      await p.addInitScript(() => {
        const added: string[][] = ((window as unknown as { __added: string[][] }).__added = [])
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of Array.from(r.addedNodes)) {
              const src = (n as HTMLScriptElement).src || (n as HTMLLinkElement).href
              if (src) added.push([new URL(src).pathname.slice(1), (n as Element).hasAttribute('data-vh-route') ? 'index.html' : 'webpack'])
            }
        }).observe(document, { childList: true, subtree: true })
      })
      await p.goto(url)
      return p
    }
    const fetched = async (p: Page) =>
      p.evaluate(() => {
        const added = (window as unknown as { __added: string[][] }).__added
        return performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname.slice(1))
          .filter((f) => f.startsWith('chunk/'))
          .map((f) => [f, ...added.filter(([a]) => a === f).map(([, by]) => by)])
      })
    for (const url of [`${app.server.url}/`, `${app.server.url}/#/pages/home/index`]) {
      const cold = await opened(url)
      await cold.getByText('首页', { exact: true }).first().waitFor()
      const chunks = await fetched(cold)
      // fetched once, by index.html's element alone: webpack found it installed, or took up that <script> still loading
      for (const f of home.files) expect(chunks.filter(([c]) => c === f)).toEqual([[f, 'index.html']])
      await cold.close()
    }
    const me = await opened(`${app.server.url}/#/pages/me/index`)
    await me.getByText('我的', { exact: true }).first().waitFor()
    const chunks = await fetched(me)
    expect(chunks.some(([, by]) => by === 'index.html')).toBe(true)
    // 首页's own chunk (its page module, the last of its route) is nothing 我的 asks for
    expect(chunks.map(([c]) => c)).not.toContain(home.files[home.files.length - 1])
    await me.close()
  })

  test('opened cold by a returning person, 首页’s first calls are made by index.html, not again by the app, and it is drawn with their answers', async () => {
    const context = await app.browser.newContext({ viewport: { width: 414, height: 896 } })
    await context.addInitScript(() => {
      localStorage.setItem('vh.demoOpenid', JSON.stringify({ data: 'demo-linshuisheng' }))
      localStorage.setItem('vh.currentVillage', JSON.stringify({ data: 'v-xinshan' }))
    })
    const cold = await context.newPage()
    // each call with the script that made it: index.html's inline script, or the app's own code (js/, chunk/)
    const calls: string[] = []
    const cdp = await context.newCDPSession(cold)
    await cdp.send('Network.enable')
    let batches = 0
    cdp.on('Network.requestWillBeSent', ({ request, initiator }) => {
      const m = new URL(request.url).pathname.match(/^\/api\/(.+)$/)
      const by = /\/(js|chunk)\//.test(initiator.stack?.callFrames[0]?.url ?? '') ? 'the app' : 'index.html'
      if (!m) return
      // POST /api/batch: several calls in one request, each listed as its own
      const each = m[1] === 'batch' ? (JSON.parse(request.postData ?? '[]') as Array<{ action: string; input: unknown }>) : [{ action: m[1], input: JSON.parse(request.postData ?? '{}') }]
      if (m[1] === 'batch') batches++
      for (const c of each) calls.push(`${c.action} ${JSON.stringify(c.input)} by ${by}`)
    })
    await cold.goto(`${app.server.url}/#/pages/home/index`)
    await cold.getByText('我的待办', { exact: true }).waitFor()
    await cold.getByText('本村概况', { exact: true }).waitFor()
    await cold.waitForTimeout(500)
    for (const action of ['home.open', 'account.todo']) {
      expect(calls.filter((c) => c.startsWith(`${action} `))).toEqual([`${action} {"villageId":"v-xinshan"} by index.html`])
    }
    // both in one request
    expect(batches).toBe(1)
    // the cards further down ask for their own once the first screen is drawn
    expect(calls).toContain('rules.status {"villageId":"v-xinshan"} by the app')
    // the rows are the answer's: 林水生's 待办 has its rows, not a skeleton
    await cold.locator('.vh-row').filter({ hasText: '待投票的议题' }).first().waitFor()
    // View and Text are plain elements in the browser (src/shared/ui/taro-components.h5.tsx), not Stencil's web components
    expect(await cold.locator('div.vh-card').count()).toBeGreaterThan(2)
    expect(await cold.locator('span.vh-row__label').count()).toBeGreaterThan(2)
    expect(await cold.locator('taro-view-core, taro-text-core').count()).toBe(0)
    await context.close()
  })

  test('index.html’s batch of first calls failing (a proxy’s 502, the connection cut): the app asks again itself, and 首页 is drawn', async () => {
    for (const fail of ['502', 'abort'] as const) {
      const context = await app.browser.newContext({ viewport: { width: 414, height: 896 } })
      await context.addInitScript(() => {
        localStorage.setItem('vh.demoOpenid', JSON.stringify({ data: 'demo-linshuisheng' }))
        localStorage.setItem('vh.currentVillage', JSON.stringify({ data: 'v-xinshan' }))
      })
      await context.route('**/api/batch', (route) => (fail === 'abort' ? route.abort() : route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' })))
      const own: string[] = []
      context.on('request', (r) => {
        const m = new URL(r.url()).pathname.match(/^\/api\/([\w.]+)$/)
        if (m && m[1] !== 'batch') own.push(m[1])
      })
      const cold = await context.newPage()
      await cold.goto(`${app.server.url}/#/pages/home/index`)
      await cold.getByText('我的待办', { exact: true }).waitFor()
      await cold.getByText('本村概况', { exact: true }).waitFor()
      await cold.locator('.vh-row').filter({ hasText: '待投票的议题' }).first().waitFor()
      expect(own).toEqual(expect.arrayContaining(['home.open', 'account.todo']))
      expect(await cold.getByText('出了点问题').count()).toBe(0)
      await context.close()
    }
  })

  test('while a page’s code is still loading, the title bar already names the app; then the page’s own title', async () => {
    const cold = await app.browser.newPage({ viewport: { width: 414, height: 896 } })
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    // the pages' chunks wait until the title has been read
    await cold.route('**/chunk/**', async (route) => {
      await held
      await route.continue()
    })
    await cold.goto(`${app.server.url}/#/pages/me/index`, { waitUntil: 'commit' })
    const titleIs = (text: string) =>
      cold.waitForFunction((t) => document.querySelector('#taro-navigation-bar .taro-navigation-bar-title')?.textContent === t, text, { timeout: 20_000 })
    await titleIs('村居议事厅')
    expect(await cold.getByText('切换体验身份（本地演示）').count()).toBe(0)
    release()
    await titleIs('我的')
    await cold.getByText('切换体验身份（本地演示）').waitFor()
    await cold.close()
  })

  test('the committee approves a request: back on 首页 its queue says 0 at once', async () => {
    await app.signInAs(page, '林志强')
    await row('入村申请待审核').getByText('1 件').waitFor()
    await row('入村申请待审核').click()
    const card = page.locator('.vh-card').filter({ hasText: '刘晓东' })
    await card.getByText('批准', { exact: true }).click()
    await page.locator('.vh-card').filter({ hasText: '刘晓东' }).waitFor({ state: 'detached' })
    await page.goBack()
    await page.waitForURL(/pages\/home\/index/)
    await row('入村申请待审核').getByText('0 件').waitFor()
  })
})
