import path from 'node:path'
import type { Page } from 'playwright-core'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const OLD_CLAUSE = '生活垃圾分类投放'
const NEW_TEXT = '生活垃圾分类投放，每周三、周六定时收运；不乱丢乱倒，不焚烧垃圾。'

run('in Chromium: 新山村 publishes 第2版 of its 村规民约 and a resident agrees again', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  const open = (route: string) => page.goto(`${app.server.url}/#/${route}`)
  /** the Taro date picker: open it and take the date it offers (today) */
  async function pickToday(nth: number) {
    await page.getByText('请选择日期').nth(nth).click()
    await page.getByText('确定', { exact: true }).locator('visible=true').first().click()
  }

  test('the committee drafts and publishes, a resident sees the change and agrees, the rate goes up', async () => {
    await app.signInAs(page, '林志强')
    await open('features/rules/pages/read/index')
    await page.getByText('本村已有 6 户 (75%) 承诺').waitFor()
    await page.getByText('起草新版本').click()
    await page.getByText('以现行第1版为底稿起草').click()

    // change one clause, leave the rest as they are
    const boxes = page.locator('textarea')
    await boxes.first().waitFor()
    const values = await boxes.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))
    const index = values.findIndex((v) => v.startsWith(OLD_CLAUSE))
    expect(index).toBeGreaterThanOrEqual(0)
    await boxes.nth(index).fill(NEW_TEXT)

    await pickToday(0) // 施行日期
    await page.getByText('村民代表会议', { exact: true }).click()
    await pickToday(0) // 表决日期 (the first picker now shows a date)
    for (const [label, value] of [['应到人数', '45'], ['实到人数', '40'], ['赞成票', '38'], ['反对票', '1'], ['弃权票', '1']]) {
      await page.getByRole('spinbutton', { name: `请填写${label}` }).or(page.getByRole('textbox', { name: `请填写${label}` })).fill(value)
    }
    await page.getByText('保存草稿', { exact: true }).click()
    await page.getByText('可以发布').waitFor()

    // the draft is the committee's alone: not 乌坎村's people, not 新山村's residents
    for (const name of ['孙丽', '陈建国']) {
      await app.signInAs(page, name)
      await open(`features/rules/pages/read/index?versionId=${encodeURIComponent('v-xinshan:v2')}`)
      await page.locator('[role=alert]').first().waitFor()
      expect(await page.getByText(NEW_TEXT).count()).toBe(0)
    }

    await app.signInAs(page, '林志强')
    await open('features/rules/pages/draft/index')
    await page.getByText('发布', { exact: true }).click()
    await page.getByText('发布第2版？').waitFor()
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('发布', { exact: true }).click()
    await page.waitForURL(/rules\/pages\/read\/index/)
    await page.getByText('本村已有 0 户 (0%) 承诺').waitFor()

    // 林水生 agreed to 第1版: 首页 asks again and shows what changed
    await app.signInAs(page, '林水生')
    await page.getByText('查看改动并承诺').click()
    await page.getByText('自您承诺的第1版以来的变化').waitFor()
    await page.getByText('修改 第五条').waitFor()
    await page.getByText(NEW_TEXT).first().waitFor()
    const agree = page.getByText('我已阅读并承诺遵守', { exact: true })
    // the changes are the reading: agreeing wakes at their end, the full text a tap away (issue 15, point 11)
    await page.getByText('请读完上面的改动后承诺').waitFor()
    await page.getByText(/^查看第2版全文（\d+条）$/).waitFor()
    await page.waitForTimeout(800) // let the page transition finish before the screenshot
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-rules-diff.png') })
    await agree.scrollIntoViewIfNeeded()
    await page.getByText('请读完上面的改动后承诺').waitFor({ state: 'detached' })
    await agree.click()
    await page.getByText(/您已于 .* 承诺遵守第2版/).waitFor()

    await app.signInAs(page, '林志强')
    await open('features/rules/pages/read/index')
    await page.getByText('本村已有 1 户 (13%) 承诺').waitFor()
  })
})
