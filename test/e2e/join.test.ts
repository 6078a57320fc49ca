import path from 'node:path'
import type { Page } from 'playwright-core'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'
import { runJobs } from '../../cloud/src/jobs'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

run('in Chromium: a person asks to join 新山村, the committee approves, the person sees it', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  const signInAs = (name: string) => app.signInAs(page, name)

  test('the whole flow', async () => {
    await app.pickIdentity(page, '王芳')
    await page.getByText('申请加入村（社区）').first().click()
    await page.getByText('海丰县', { exact: true }).click()
    await page.getByText('联安镇', { exact: true }).click()
    await page.getByText('新山村', { exact: true }).click()
    await page.getByRole('textbox', { name: '请填写真实姓名' }).fill('王芳')
    await page.getByRole('textbox', { name: '如：新山村东一巷12号' }).fill('新山村东一巷40号')
    await page.getByText('本人是户主').click()
    await page.getByText('提交申请', { exact: true }).click()
    await page.getByText('您加入新山村的申请已提交，村委会审核后会通知您。').waitFor()

    await signInAs('林志强')
    await page.locator('.vh-row').filter({ hasText: '入村申请待审核' }).getByText('2 件').waitFor()
    await page.getByText('入村申请待审核').click()
    const card = page.locator('.vh-card').filter({ hasText: '新山村东一巷40号' })
    await card.getByText('未登记的门牌号，批准后将登记为新的一户').waitFor()
    await card.getByText('批准', { exact: true }).click()
    await page.locator('.vh-card').filter({ hasText: '新山村东一巷40号' }).waitFor({ state: 'detached' })
    // she is a member at once; her household and its 户代表 are registered by the job (within a minute)
    expect((await runJobs(app.server.ports)).admissions).toBe(1)

    await signInAs('王芳')
    await page.getByText('王芳，您好！').waitFor()
    await page.getByText('户代表', { exact: true }).waitFor()
    await page.getByText('未读消息').waitFor()
    await page.waitForTimeout(800) // let the page transition finish before the screenshot
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-joined-home.png') })
    expect(await page.getByText('新山村', { exact: true }).count()).toBeGreaterThan(0)
  })
})
