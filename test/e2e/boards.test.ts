import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { BoardPage } from '../../cloud/src/contract'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'
import { pdfText } from './pdf-text'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const BLACK_PLACE = '西二巷20号侧门（测试）'
const BLACK_WHAT = '建筑垃圾堆在侧门外的公共通道上'
const APPEAL = '那是隔壁装修队堆的，我家当天就打电话请他们清走了'
const RED_PLACE = '西二巷20号门前（测试）'
const RED_WHAT = '门前花草修剪整齐，主动清扫巷道落叶'

run('in Chromium: a black entry is appealed and withdrawn before it is public; a red entry reaches the month’s board and its A4 sheet', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))

  const open = (route: string) => page.goto(`${app.server.url}/#/features/boards/pages/${route}`)
  const textbox = (name: string) => page.getByRole('textbox', { name })
  const modal = (button: string) => page.locator('.taro-modal__foot, .taro-modal__footer').getByText(button, { exact: true }).click()
  /** the public board of this month as a resident reads it, through the API */
  async function publicBoard(board: 'red' | 'black'): Promise<BoardPage> {
    const r = await app.server.router('boards.list', { villageId: 'v-xinshan', board }, { openid: 'demo-wulihua' })
    if (!r.ok) throw new Error(JSON.stringify(r))
    return r.data as BoardPage
  }

  async function create(board: '红榜' | '黑榜', place: string, what: string, submit: string) {
    await open('create/index')
    await page.getByText(board, { exact: true }).click()
    await textbox('路段、巷子或门牌号').fill(place)
    await page.getByText('住户', { exact: true }).click()
    await textbox('输入门牌号或户主姓名').fill('陈建国')
    await page.getByText('新山村西二巷20号（户主 陈建国）').click()
    await page.getByRole('textbox', { name: '看到了什么、做了什么' }).fill(what)
    await page.getByText(submit, { exact: true }).click()
    await page.waitForURL(/boards\/pages\/entry\/index\?entryId=/)
    return decodeURIComponent(/entryId=([^&]+)/.exec(page.url())![1])
  }

  test('the committee posts a black entry; the household is told and appeals; the committee upholds it; it never reaches the public board', async () => {
    await app.signInAs(page, '林志强')
    const entryId = await create('黑榜', BLACK_PLACE, BLACK_WHAT, '发出告知')
    await page.getByText(/公示前告知：.* 前无申诉即公示/).waitFor()
    expect((await publicBoard('black')).entries.map((e) => e.place)).not.toContain(BLACK_PLACE)

    // 陈建国 sees the notice from 首页 and appeals on the entry
    await app.signInAs(page, '陈建国')
    await page.getByText('我家的公示', { exact: true }).click()
    await page.getByText(BLACK_WHAT).waitFor()
    await page.getByText(`${BLACK_PLACE} ›`).click()
    await page.waitForURL(/boards\/pages\/entry\/index/)
    await page.getByRole('textbox', { name: '哪里与事实不符，至少5个字' }).fill(APPEAL)
    await page.getByText('提交申诉', { exact: true }).last().click()
    await modal('提交')
    await page.getByText('等待村委会答复').waitFor()

    // the committee finds it under 申诉中 and upholds it with the 道德评议会's opinion
    await app.signInAs(page, '林志强')
    await open('manage/index')
    await page.getByText(/^申诉中/).click()
    await page.getByText(`${BLACK_PLACE} ›`).click()
    await page.getByText(APPEAL).waitFor()
    await page.getByText('支持申诉（撤销）').click()
    await page.getByRole('textbox', { name: '评议会的意见，至少2个字' }).fill('经走访邻居核实，垃圾系装修队所堆')
    await page.getByRole('textbox', { name: '告诉申诉人为什么这样决定' }).fill('经核实情况属实，本条撤销，不予公示')
    await page.getByText('提交答复', { exact: true }).click()
    await modal('确定')
    await page.getByText('申诉成立，本条已撤销').waitFor()

    // never on the public board, nor in the browser
    expect((await publicBoard('black')).entries.map((e) => e.place)).not.toContain(BLACK_PLACE)
    await app.signInAs(page, '吴丽华')
    await open('board/index?board=black')
    await page.locator('.vh-card').first().waitFor()
    expect(await page.getByText(BLACK_PLACE).count()).toBe(0)
    const audit = await app.server.router('audit.list', { villageId: 'v-xinshan' }, { openid: 'demo-linzhiqiang' })
    expect(JSON.stringify(audit)).toContain(entryId)
  })

  test('a red entry is published at once and shows on this month’s board, its share title and its A4 sheet', async () => {
    await app.signInAs(page, '林志强')
    await create('红榜', RED_PLACE, RED_WHAT, '发布上榜')
    expect((await publicBoard('red')).entries.map((e) => e.place)).toContain(RED_PLACE)

    await app.signInAs(page, '吴丽华')
    await open('board/index')
    await page.getByText(RED_WHAT).waitFor()
    await page.getByText(/^新山村\d{4}年\d{1,2}月红黑榜$/).waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-boards-red.png') })

    // the printable sheet: the DOM first, then Chromium's PDF of it
    await page.getByText('打印本月榜单').click()
    await page.waitForURL(/boards\/pages\/print\/index/)
    // the sheet alone, as the printing browser opens it: no page sliding in over the board (a PDF taken mid-slide is blank)
    await page.reload()
    await page.locator('.bd-print__sheet').getByText(RED_WHAT).waitFor()
    const sheet = await page.locator('.bd-print__sheet').innerText()
    expect(sheet).toMatch(/新山村\d{4}年\d{1,2}月红黑榜 · 善行义举榜/)
    expect(sheet).toContain(RED_PLACE)
    expect(sheet).not.toContain(BLACK_PLACE)
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    await page.emulateMedia({ media: 'screen' })
    fs.writeFileSync(path.join(ARTIFACTS, 'e2e-boards-print.pdf'), pdf)
    const text = await pdfText(pdf)
    expect(text.pages).toBeGreaterThanOrEqual(1)
    expect(text.pages).toBeLessThanOrEqual(3)
    expect(text.content).toContain(RED_WHAT)
    expect(text.content).toContain('红榜')
    expect(text.content).not.toContain('打印本月榜单')
  })
})
