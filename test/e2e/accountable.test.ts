/**
 * In Chromium, a decision the villagers can check (issue 9): a topic opens with its roll; a newcomer
 * who joined afterwards is refused with the reason; the committee records a meeting ballot and
 * corrects it with a reason, and the voter sees both; the topic closes, and a voter finds their
 * receipt on the published count (计票清单).
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { runJobs } from '../../cloud/src/jobs'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const X = 'v-xinshan'
const HOUR = 3600 * 1000

run('in Chromium: the roll, an accountable meeting ballot, and a receipt on the published count', () => {
  let offset = 0
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]), { clock: { now: () => Date.now() + offset } })

  const as = (openid: string) => async (action: string, input: unknown) => {
    const r = await app.server.router(action, input, { openid })
    if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`)
    return r.data as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- each step reads its own action's fields
  }
  const committee = as('demo-linzhiqiang')
  const openTopicPage = (topicId: string) => page.goto(`${app.server.url}/#/features/deliberation/pages/topic/index?topicId=${encodeURIComponent(topicId)}`)

  test('late joiner refused; meeting ballot corrected with a reason and seen by the voter; receipt found on the count', async () => {
    const now = Date.now()
    const draft = await committee('topics.save', {
      villageId: X,
      title: '村委会门前增设电动车充电桩',
      question: '是否同意在村委会门前增设电动车充电桩？',
      kind: 'yesno',
      mode: 'person',
      results: 'live',
      opensAt: now - HOUR,
      closesAt: now + 2 * HOUR,
    })
    const topicId = draft.topic._id as string
    await committee('topics.publish', { villageId: X, topicId })

    // 王芳 joins after the opening: the topic tells her why she cannot vote
    offset = 60_000
    const req = await as('demo-wangfang')('join.request', { villageId: X, name: '王芳', doorplate: '新山村东一巷40号', relation: '户主' })
    await committee('join.decide', { villageId: X, requestId: req._id, decision: 'approve' })
    await app.signInAs(page, '王芳')
    await openTopicPage(topicId)
    await page.getByText('您在本议题开始后加入，本次不能投票').waitFor()

    // the meeting: 陈建国 recorded, then corrected with a reason
    await committee('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: 'p_chenjianguo', choices: ['yes'] })
    const corrected = await committee('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: 'p_chenjianguo', choices: ['no'], reason: '核对会议签到表，陈建国举手反对' })
    await app.signInAs(page, '陈建国')
    await openTopicPage(topicId)
    await page.getByText('现场表决由林志强登记').waitFor()
    await page.getByText('更正记录').waitFor()
    await page.getByText(/核对会议签到表，陈建国举手反对/).first().waitFor()

    // 林水生 votes on the phone; the topic closes; he finds his receipt on the count
    const mine = await as('demo-linshuisheng')('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    offset = 3 * HOUR
    expect((await runJobs(app.server.ports)).topicsClosed).toBeGreaterThanOrEqual(1)
    await app.signInAs(page, '林水生')
    await openTopicPage(topicId)
    await page.getByText(`您的选票已计入（回执码 ${mine.receipt}）`).waitFor()
    await page.getByText('查看计票清单 ›').click()
    await page.waitForURL(/deliberation\/pages\/count\/index/)
    await page.getByText('您的选票在这里').waitFor()
    // on the count page (the topic page below it also shows the receipt, inside its sentence)
    await page.getByText(mine.receipt, { exact: true }).last().waitFor()
    await page.getByText(corrected.receipt, { exact: true }).last().waitFor()
    await page.getByText(/与公布的各选项票数一致/).waitFor()
    await page.waitForTimeout(500)
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-count.png'), fullPage: true })
  })
})
