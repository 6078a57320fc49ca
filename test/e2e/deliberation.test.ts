import path from 'node:path'
import type { Page } from 'playwright-core'
import { runJobs } from '../../cloud/src/jobs'
import type { TopicDetail } from '../../cloud/src/contract'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const TITLE = '村东道路硬化方案'
const DAY = 24 * 3600 * 1000

run('in Chromium: a household-mode topic from posting to the verdict', () => {
  let app: App
  let page: Page
  /** the server's clock runs this far ahead of the real one once the deadline has passed */
  let offset = 0
  appForSuite((a, p) => ([app, page] = [a, p]), { clock: { now: () => Date.now() + offset } })

  const textbox = (name: string) => page.getByRole('textbox', { name })
  const openTopic = (topicId: string) => page.goto(`${app.server.url}/#/features/deliberation/pages/topic/index?topicId=${encodeURIComponent(topicId)}`)
  async function vote(choice: '赞成' | '反对' | '弃权', confirm = '确认投票') {
    await page.getByRole('radio', { name: choice, exact: true }).click()
    // a screen reader hears which choice is picked
    await page.getByRole('radio', { name: choice, exact: true, checked: true }).waitFor()
    await page.getByText(confirm, { exact: true }).click()
    await page.getByText(`我家的表决：${choice}`).waitFor()
  }

  test('the committee posts, three representatives vote, one changes, a non-representative is refused, the topic closes', async () => {
    await app.signInAs(page, '林志强')
    await page.goto(`${app.server.url}/#/pages/topics/index`)
    await page.getByText('发布议题', { exact: true }).first().click()
    await textbox('如：村东道路硬化方案（4至40个字）').fill(TITLE)
    await textbox('请大家表决的一句话，如：是否同意用村集体收入硬化村东道路？').fill('是否同意用村集体收入硬化村东道路？')
    await page.getByRole('radio', { name: /是否表决/ }).click()
    await page.getByRole('radio', { name: /按户表决/ }).click()
    await page.getByRole('radio', { name: /实时公布票数/ }).click()
    await page.getByText('发布', { exact: true }).last().click()
    await page.getByText('发布这个议题？').waitFor()
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('发布', { exact: true }).click()
    await page.waitForURL(/deliberation\/pages\/topic\/index\?topicId=/)
    const topicId = decodeURIComponent(/topicId=([^&]+)/.exec(page.url())![1])

    // three household representatives vote; 陈建国 changes his household's vote
    for (const [name, choice] of [['林水生', '赞成'], ['陈建国', '反对'], ['吴丽华', '赞成']] as const) {
      await app.signInAs(page, name)
      await openTopic(topicId)
      await vote(choice)
    }
    await app.signInAs(page, '陈建国')
    await openTopic(topicId)
    await page.getByText('改投', { exact: true }).click()
    await vote('赞成', '确认改投')

    // 李桂兰 lives in 林水生's household but is not its representative
    await app.signInAs(page, '李桂兰')
    await openTopic(topicId)
    await page.getByText(/^您家的户代表林水生已于\d+月\d+日投票$/).waitFor()
    expect(await page.getByText('确认投票', { exact: true }).count()).toBe(0)
    const refused = await app.server.router('ballots.cast', { villageId: 'v-xinshan', topicId, choices: ['no'] }, { openid: 'demo-liguilan' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    // the deadline passes and the time-driven job closes the topic
    offset = 4 * DAY
    // (the demo's own open topics may close too)
    expect((await runJobs(app.server.ports)).topicsClosed).toBeGreaterThanOrEqual(1)

    const detail = await app.server.router('topics.get', { villageId: 'v-xinshan', topicId }, { openid: 'demo-linzhiqiang' })
    if (!detail.ok) throw new Error(JSON.stringify(detail.error))
    const d = detail.data as TopicDetail
    expect(d.topic.status).toBe('closed')
    expect(d.turnout).toMatchObject({ participants: 3, online: 3, inPerson: 0 })
    expect(d.tally!.find((t) => t.optionId === 'yes')!.votes).toBe(3)
    expect(d.tally!.find((t) => t.optionId === 'no')!.votes).toBe(0)
    // 3 of the village's households took part: short of two thirds
    expect(d.turnout.eligible).toBeGreaterThan(4)
    expect(d.result).toMatchObject({ valid: false, verdict: '未达法定人数' })

    await app.signInAs(page, '林志强')
    await openTopic(topicId)
    await page.getByText('未达法定人数').first().waitFor()
    await page.waitForTimeout(800) // let the page transition finish before the screenshot
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-deliberation-verdict.png'), fullPage: true })
  })
})
