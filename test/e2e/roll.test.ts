import path from 'node:path'
import type { Page } from 'playwright-core'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'
import { runJobs } from '../../cloud/src/jobs'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

/** the demo's draft (整治村内池塘环境, 按人表决) */
const DRAFT = 'v-xinshan:t6'
const REASON = '已随子女到深圳居住，本人申请不参加本次表决'

run('in Chromium: the voter roll (选民名册) of a draft, amended, published and read by a resident', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  const textbox = (name: string) => page.getByRole('textbox', { name })
  const open = (p: 'topic' | 'roll' | 'edit') => page.goto(`${app.server.url}/#/features/deliberation/pages/${p}/index?topicId=${encodeURIComponent(DRAFT)}`)

  test('the committee takes someone off with a reason and publishes; residents see the fixed roll without her; the roll can no longer change', async () => {
    await app.signInAs(page, '林志强')
    await open('roll')
    await page.getByText('草稿：发布时以此名单为准').waitFor()
    const before = Number(/目前共 (\d+) 人/.exec(await page.getByText(/^目前共 \d+ 人$/).innerText())![1])

    const row = page.locator('.dlb-roll-person', { hasText: '李桂兰' })
    await row.getByText('移出', { exact: true }).click()
    await page.getByText('确认移出', { exact: true }).click()
    await page.getByText('请填写移出的理由').waitFor()
    await textbox('写明理由，2至200个字，会留下记录').fill(REASON)
    await page.getByText('确认移出', { exact: true }).click()
    await page.getByText(`理由：${REASON}`).waitFor()
    await page.getByText(`目前共 ${before - 1} 人`).waitFor()

    await open('edit')
    await page.getByText('发布', { exact: true }).last().click()
    await page.getByText('发布这个议题？').waitFor()
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('发布', { exact: true }).click()
    await page.waitForURL(/deliberation\/pages\/topic\/index\?topicId=/)
    // the job writes the published roll (the server's timer does within a minute; here it is off)
    expect((await runJobs(app.server.ports)).rollsWritten).toBeGreaterThanOrEqual(1)

    await app.signInAs(page, '陈建国')
    await open('topic')
    await page.getByText(`选民名册（${before - 1}人）`).click()
    await page.getByText(`本议题选民名册共 ${before - 1} 人`).waitFor()
    await page.getByText('林水生', { exact: true }).waitFor()
    expect(await page.getByText('名册调整记录').count()).toBe(0)
    await textbox('搜索姓名或门牌号').fill('李桂兰')
    await page.getByText('名册上没有找到“李桂兰”').waitFor()
    await textbox('搜索姓名或门牌号').fill('')
    await page.waitForTimeout(800) // let the page transition finish before the screenshot
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-roll-published.png'), fullPage: true })

    const refused = await app.server.router('topics.amendRoll', { villageId: 'v-xinshan', topicId: DRAFT, key: 'p_liguilan', change: 'add', reason: '误移出，现恢复' }, { openid: 'demo-linzhiqiang' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '议题已发布，选民名册已固定，不能再修改' } })
  })
})
