import type { Page } from 'playwright-core'
import type { LetterView } from '../../cloud/src/contract'
import { appForSuite, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const SUBJECT = '村口垃圾桶不够用（测试）'
const TEXT = '村口只有两个垃圾桶，周末经常满出来，能不能再加两个？'
const REPLY = '已向镇环卫站申请，下周一再加两个垃圾桶，周末加收一次。'

run('in Chromium: a resident writes to the mailbox, the committee accepts and replies, the resident rates it', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  const open = (route: string) => page.goto(`${app.server.url}/#/features/mailbox/pages/${route}`)
  const letter = async (letterId: string, openid: string) => {
    const r = await app.server.router('mailbox.get', { villageId: 'v-xinshan', letterId }, { openid })
    if (!r.ok) throw new Error(JSON.stringify(r))
    return r.data as LetterView
  }

  test('写信 → 受理 → 回复 → 评价, each seen on the letter’s page', async () => {
    await app.signInAs(page, '李桂兰')
    await open('write/index?villageId=v-xinshan')
    await page.getByText('7天内回复', { exact: false }).waitFor()
    await page.getByRole('textbox', { name: '一句话说清楚，如：东一巷自来水水压太低' }).fill(SUBJECT)
    await page.getByRole('textbox', { name: '想反映的情况或想问的事（至少5个字）' }).fill(TEXT)
    await page.getByText('寄出', { exact: true }).click()
    await page.waitForURL(/mailbox\/pages\/letter\/index\?.*letterId=/)
    const letterId = decodeURIComponent(/letterId=([^&]+)/.exec(page.url())![1])
    await page.getByText('已收到', { exact: true }).waitFor()

    await app.signInAs(page, '林志强')
    await open(`letter/index?villageId=v-xinshan&letterId=${encodeURIComponent(letterId)}`)
    await page.getByText(SUBJECT).waitFor()
    await page.getByText('李桂兰', { exact: false }).first().waitFor()
    await page.getByText('受理', { exact: true }).click()
    await page.getByText('已受理', { exact: true }).first().waitFor()
    await page.getByRole('textbox', { name: '给来信人的答复（至少5个字）' }).fill(REPLY)
    await page.getByText('回复来信', { exact: true }).click()
    await page.getByText(REPLY).waitFor()
    expect((await letter(letterId, 'demo-linzhiqiang')).status).toBe('replied')

    await app.signInAs(page, '李桂兰')
    await open(`letter/index?villageId=v-xinshan&letterId=${encodeURIComponent(letterId)}`)
    await page.getByText('对回复满意吗？').waitFor()
    await page.getByRole('radio', { name: '4星' }).click()
    await page.getByText('提交评价', { exact: true }).click()
    // rated: the stars are shown, read as「4星」
    await page.getByRole('img', { name: '4星' }).waitFor()
    const done = await letter(letterId, 'demo-liguilan')
    expect(done).toMatchObject({ status: 'replied', rating: 4, reply: { text: REPLY, byName: '林志强' } })
    expect(done.history.map((e) => e.action)).toEqual(['write', 'accept', 'reply', 'rate'])
  })
})
