/**
 * 村务公开 as one story in Chromium: the committee publishes a notice with a PDF and edits a duty's 办事指南 through
 * its page; a resident reads the notice (the PDF served as itself), reads the edited guide, and writes to the 书记信箱
 * about that duty; the committee replies and the resident rates the reply. The mailbox's own buttons (受理, 回复,
 * 评价) are driven one by one in mailbox.test.ts; here the reply is sent through the API and the rating through the page.
 */
import type { Page } from 'playwright-core'
import type { LetterView } from '../../cloud/src/contract'
import { tinyPdf } from '../../cloud/src/common/pdf'
import { appForSuite, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const X = 'v-xinshan'
const TITLE = '新村路路灯维修通知（测试）'
// longer than a list's 60-character excerpt, so only the notice itself shows it whole
const TEXT = '本周五晚上七点至十点新村路路灯维修，施工期间新村路中段临时封闭，请村民夜间出行绕行东一巷并注意安全，带小孩的家长请看护好孩子。'
const PDF_NAME = '新村路封闭路段示意.pdf'
const PDF = tinyPdf('新村路路灯维修封闭路段', ['封闭：新村路中段（东一巷口至村委会）', '时间：周五 19:00—22:00'])
const DUTY = '低保、特困供养申请受理'
const WHERE = '新山村党群服务中心二楼民政窗口（测试）'
const QUESTION = '我母亲一个人住，低保申请要本人到场吗？行动不方便能不能上门办理？'
const REPLY = '可以上门办理：请先打电话预约，民政专干会带表格到家里，身份证和户口簿准备好即可。'

run('in Chromium: 村务公开 from the committee’s notice and 办事指南 to a resident’s letter and its rated reply', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))
  const shot = (name: string) => page.screenshot({ path: `test/artifacts/affairs-${name}.png` })

  test('林志强 publishes a notice with a PDF and edits 低保’s 办事指南; 李桂兰 reads both, writes about it, is answered and rates the answer', async () => {
    // 1. the committee publishes from 首页, with a PDF picked through the browser's file chooser
    await app.signInAs(page, '林志强')
    await page.getByText('发布公告', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/publish\/index/)
    await page.getByText('党务', { exact: true }).click()
    await page.getByRole('textbox', { name: '如：关于12月停水的通知' }).fill(TITLE)
    await page.getByRole('textbox', { name: '写清楚时间、地点、要村民做什么' }).fill(TEXT)
    const chooser = page.waitForEvent('filechooser')
    await page.getByText('添加PDF附件', { exact: true }).click()
    await (await chooser).setFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF })
    await page.getByText(PDF_NAME).waitFor()
    await shot('publish')
    await page.getByText('发布并通知村民', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/notice\/index\?.*noticeId=/)
    await page.getByText(TEXT).waitFor()
    const noticeId = decodeURIComponent(/noticeId=([^&]+)/.exec(page.url())![1])

    // 2. …and changes where 低保 is handled, through the duty's 编辑
    await page.goto(`${app.server.url}/#/features/affairs/pages/duties/index?villageId=${X}`)
    await page.getByText(DUTY).click()
    await page.getByText('编辑', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/duty-edit\/index/)
    const where = page.getByRole('textbox', { name: '如：党群服务中心一楼办事窗口' })
    await where.fill('')
    await page.getByText('保存修改', { exact: true }).click()
    await page.getByText('请填写办理地点', { exact: true }).waitFor()
    await where.fill(WHERE)
    await page.getByText('请填写办理地点', { exact: true }).waitFor({ state: 'detached' })
    await page.getByText('保存修改', { exact: true }).click()
    // back on the duty, reloaded with the saved text
    await page.waitForURL(/affairs\/pages\/duty\/index/)
    await page.getByText(WHERE).locator('visible=true').first().waitFor()

    // 3. 李桂兰 was told, finds it unread and reads it; its PDF opens as the very file uploaded
    const outbox = await app.server.ports.store.find('noticeOutbox', { title: '党务公告' }, { limit: 5 })
    expect(outbox.map((e) => [e.to, e.except])).toEqual([['residents', 'p_linzhiqiang']]) // every resident but its author
    await app.signInAs(page, '李桂兰')
    await page.getByText('公告', { exact: true }).click()
    await page.waitForURL(/affairs\/pages\/notices\/index/)
    await page.locator('.vh-card', { hasText: TITLE }).getByText('未读', { exact: true }).waitFor()
    await page.getByText(TITLE).click()
    await page.getByText(TEXT).waitFor()
    await page.getByText('2 人已读', { exact: true }).waitFor()
    await page.getByText(PDF_NAME).waitFor()
    await shot('notice')
    const popup = page.waitForEvent('popup')
    await page.getByText('打开', { exact: true }).click()
    const opened = await popup
    const res = await fetch(opened.url())
    await opened.close()
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent(PDF_NAME)}`)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.equals(PDF)).toBe(true)
    const read = await app.server.router('affairs.notice', { villageId: X, noticeId }, { openid: 'demo-linzhiqiang' })
    expect(read.ok && (read.data as { reads: number }).reads).toBe(2)

    // 4. the 小微权力清单: 低保 needs no certificate, says why, and is handled where the committee now says
    await page.goBack()
    await page.waitForURL(/affairs\/pages\/notices\/index/)
    // 首页 (hidden under this page) has the entry too, and the notice page may still be leaving: the visible one
    await page.getByText('小微权力清单', { exact: true }).locator('visible=true').first().click()
    await page.getByText(DUTY).click()
    await page.getByText('无证明 · 不用开证明').waitFor()
    await page.getByText(/无需开具“家庭困难证明”/).waitFor()
    await page.getByText(WHERE).waitFor()
    expect(await page.getByText('编辑', { exact: true }).count()).toBe(0)
    await shot('duty')

    // 5. she writes to the 书记信箱 from the duty: the letter is about it
    await page.getByText('对这项有疑问？写信问问', { exact: true }).click()
    await page.waitForURL(/mailbox\/pages\/write\/index\?.*aboutKind=duty/)
    await page.getByText(`关于：小微权力清单：${DUTY}`).waitFor()
    await page.getByRole('textbox', { name: '想反映的情况或想问的事（至少5个字）' }).fill(QUESTION)
    await page.getByText('寄出', { exact: true }).click()
    await page.waitForURL(/mailbox\/pages\/letter\/index\?.*letterId=/)
    const letterId = decodeURIComponent(/letterId=([^&]+)/.exec(page.url())![1])
    await page.getByText('已收到', { exact: true }).waitFor()

    // 6. the committee replies (its 受理 and 回复 buttons: mailbox.test.ts); she reads the reply and rates it
    const committee = { openid: 'demo-linzhiqiang' }
    expect((await app.server.router('mailbox.reply', { villageId: X, letterId, text: REPLY, photos: [] }, committee)).ok).toBe(true)
    await page.reload()
    await page.getByText(REPLY).waitFor()
    await page.getByText('对回复满意吗？').waitFor()
    await page.getByRole('radio', { name: '5星' }).click()
    await page.getByText('提交评价', { exact: true }).click()
    // rated: the stars are shown, read as「5星」
    await page.getByRole('img', { name: '5星' }).waitFor()
    await shot('letter')
    const letter = await app.server.router('mailbox.get', { villageId: X, letterId }, committee)
    expect(letter.ok && (letter.data as LetterView)).toMatchObject({ about: { kind: 'duty', id: `${X}:d-duty-4` }, status: 'replied', rating: 5, reply: { text: REPLY } })
  })
})
