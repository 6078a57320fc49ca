/**
 * In Chromium, each serving role finds their workspace on 服务 and works in it: 黄伟明 opens 我的网格, sees who in
 * 林水生's household has not agreed, records a visit there (kept on the server, first on the household's history,
 * the grid's list saying it was today); 蔡国华 opens 镇街工作台 with a card for each village of 联安镇; 张秀英's
 * 今日服务 shows the day's counts and lands on today's list. Screenshots of each workspace go to test/artifacts/.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const NOTE = '入户回访林水生家，已提醒林俊阅读并承诺村规民约（测试）'
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(800) // let the page transition finish before the screenshot
  await page.screenshot({ path: path.join(ARTIFACTS, `e2e-workspace-${name}.png`), fullPage: true })
}

run('in Chromium: the workspaces of the grid worker, the town officer and the hall staff', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))
  const services = () => page.goto(`${app.server.url}/#/pages/services/index`)

  test('黄伟明: 服务 → 我的网格 → a household → 记录走访, then the grid says it was visited today', async () => {
    await app.signInAs(page, '黄伟明')
    await services()
    await page.getByText('我的网格', { exact: true }).click()
    await page.waitForURL(/workspace\/pages\/grid\/index/)
    await page.getByText('未承诺第1版：林俊').waitFor()
    await page.getByText('回访吴阿姨', { exact: false }).waitFor()
    await shot(page, 'grid')

    await page.getByText('新山村东一巷12号 · 林水生', { exact: true }).first().click()
    await page.waitForURL(/workspace\/pages\/visit\/index\?.*householdId=/)
    await page.getByText('新山村东一巷12号的走访记录').waitFor()
    await page.getByRole('textbox', { name: '见到了谁、反映了什么、帮着办了什么（至少4个字）' }).fill(NOTE)
    await page.getByText('保存走访记录', { exact: true }).click()
    // first on the household's history, and on the server
    await page.getByText(NOTE).waitFor()
    const visits = await app.server.router('workspace.visits', { villageId: 'v-xinshan' }, { openid: 'demo-huangweiming' })
    expect(visits.ok && (visits.data as Array<{ note: string; doorplate: string }>)[0]).toMatchObject({ note: NOTE, doorplate: '新山村东一巷12号' })
    await shot(page, 'visit')

    await page.goBack()
    await page.waitForURL(/workspace\/pages\/grid\/index/)
    const today = new Date(Date.now() + 8 * 3_600_000)
    // the grid page reloads on show; the visit page may still be leaving: the visible one
    await page.getByText(`上次走访 ${today.getUTCMonth() + 1}月${today.getUTCDate()}日（黄伟明）`).locator('visible=true').first().waitFor()
  })

  test('蔡国华: 服务 → 镇街工作台, a card for each village of 联安镇', async () => {
    await app.signInAs(page, '蔡国华')
    await services()
    await page.getByText('镇街工作台', { exact: true }).click()
    await page.waitForURL(/workspace\/pages\/town\/index/)
    await page.getByText('联安镇 · 2个村（社区）', { exact: false }).waitFor()
    await page.getByText('东尾村', { exact: true }).waitFor()
    await page.getByText('第1版 · 已承诺', { exact: false }).waitFor()
    await page.getByText('村集体鱼塘承包方案（2027—2031年）').waitFor()
    await shot(page, 'town')
  })

  test('张秀英: 服务 → 今日服务 with the day’s counts → 今日名单', async () => {
    await app.signInAs(page, '张秀英')
    await services()
    await page.getByText('今日服务 · 新山村党群服务中心').waitFor()
    await page.getByText('待签到', { exact: true }).waitFor()
    await shot(page, 'hall')
    await page.getByText('今日名单', { exact: true }).first().click()
    await page.waitForURL(/booking\/pages\/day\/index\?villageId=v-xinshan&hallId=/)
  })
})
