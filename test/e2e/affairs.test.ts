import type { Page } from 'playwright-core'
import { appForSuite, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const TITLE = '新村路路灯维修通知（测试）'
// longer than a list's 60-character excerpt, so only the notice itself shows it whole
const TEXT = '本周五晚上七点至十点新村路路灯维修，施工期间新村路中段临时封闭，请村民夜间出行绕行东一巷并注意安全，带小孩的家长请看护好孩子。'

run('in Chromium: the committee publishes a notice; a resident finds it unread, reads it, and reads a duty’s 办事指南', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  test('林志强 publishes; 李桂兰 is told, opens it from 首页 (read once, counted), and finds that 低保 needs no certificate', async () => {
    await app.signInAs(page, '林志强')
    await page.getByText('发布公告', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/publish\/index/)
    await page.getByText('党务', { exact: true }).click()
    await page.getByRole('textbox', { name: '如：关于12月停水的通知' }).fill(TITLE)
    await page.getByRole('textbox', { name: '写清楚时间、地点、要村民做什么' }).fill(TEXT)
    await page.getByText('发布并通知村民', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/notice\/index\?.*noticeId=/)
    await page.getByText(TEXT).waitFor()
    const noticeId = decodeURIComponent(/noticeId=([^&]+)/.exec(page.url())![1])

    // 李桂兰 was told (an in-app notice linking to it), and sees it unread in 村务公开
    const outbox = await app.server.ports.store.find('noticeOutbox', { title: '党务公告' }, { limit: 5 })
    expect(outbox.map((e) => (e.to as string[]).includes('p_liguilan'))).toEqual([true])
    await app.signInAs(page, '李桂兰')
    await page.getByText('公告', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/notices\/index/)
    const item = page.locator('.vh-card', { hasText: TITLE })
    await item.getByText('未读', { exact: true }).waitFor()
    await page.getByText(TITLE).click()
    await page.getByText(TEXT).waitFor()
    await page.getByText('2 人已读', { exact: true }).waitFor()
    const r = await app.server.router('affairs.notice', { villageId: 'v-xinshan', noticeId }, { openid: 'demo-linzhiqiang' })
    expect(r.ok && (r.data as { reads: number }).reads).toBe(2)

    // the 小微权力清单: 低保 needs no certificate, and says why
    await page.goBack()
    await page.waitForURL(/affairs\/pages\/notices\/index/)
    // 首页 (hidden under this page) has the entry too, and the notice page may still be leaving: the visible one
    await page.getByText('小微权力清单', { exact: true }).locator('visible=true').first().click()
    await page.getByText('低保、特困供养申请受理').click()
    await page.getByText('无证明 · 不用开证明').waitFor()
    await page.getByText(/无需开具“家庭困难证明”/).waitFor()
    await page.screenshot({ path: 'test/artifacts/affairs-duty.png' })
  })
})
