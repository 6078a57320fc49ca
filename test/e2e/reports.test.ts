/**
 * In Chromium, issue 13's closed loop of 随手拍: 陈建国 (who lives in 第二网格, 西二巷) reports rubbish dumped in
 * 第一网格 with a photo, an address and a point tapped on the grids' SVG — the place routes it to 第一网格, whose
 * worker is 黄伟明. 吴丽华, starting the same category at the same spot, is offered his report and adds 同问
 * instead of filing a twin. 黄伟明 accepts it and resolves it with a photo; 陈建国 says it is not fixed and it
 * reopens (处理中); 黄伟明 resolves it again and 陈建国 confirms it with 4 stars, and 吴丽华 is told. 民情地图 in h5
 * draws the grids and the markers on an SVG. Then the server's clock passes the seeded street lamp's deadline to
 * accept, the job escalates it once, and 蔡国华 (联安镇) finds it in his 消息, the town's overdue list and the queue.
 * Along the way: an anonymous report's reporter is shown to the grid worker only.
 */
import path from 'node:path'
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { point, polygon } from '@turf/helpers'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import type { ReportMap, ReportView } from '../../cloud/src/contract'
import { runJobs } from '../../cloud/src/jobs'
import { XINSHAN_AREAS } from '../../cloud/src/features/reports/seed'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const X = 'v-xinshan'
const G1 = `${X}:g1`
const TEXT = '东一巷垃圾点旁边有人乱倒生活垃圾和装修垃圾，臭气熏天，苍蝇很多。'
const ADDRESS = '新山村东一巷垃圾点旁'
const REASON = '只清了路面，水沟里的垃圾还在，照样发臭'
/** the seeded street lamp (道路设施, reported 5 hours before the seed, 24 hours to accept) and anonymous noise */
const LAMP = `${X}:r-lamp`
const NOISE = `${X}:r-noise`

run('in Chromium: a 随手拍 goes round the closed loop (同问, accept, resolve, reopen, resolve, confirm) and an overdue one reaches the town', () => {
  /** the server's clock: the real one, moved forward when a deadline is to pass */
  let offset = 0
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]), { clock: { now: () => Date.now() + offset } })
  let reportId = ''

  const as = (openid: string) => async <T>(action: string, input: unknown): Promise<T> => {
    const r = await app.server.router(action, input, { openid })
    if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const stored = async (id = reportId) => (await app.server.ports.store.get('reports', id))!
  const open = (route: string, params: Record<string, string>) => page.goto(`${app.server.url}/#/features/reports/pages/${route}?${new URLSearchParams({ villageId: X, ...params })}`)
  /**
   * The current page whole: Taro's h5 page scrolls inside its own element (fullPage sees one screen), so the
   * viewport is made as tall as the page (up to 2400px) for the picture, once the slide-in and any toast are gone.
   */
  const shot = async (name: string) => {
    await page.waitForTimeout(400)
    // the toast's box has no size of its own (its children are fixed): hidden means display none
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => t.style.display === 'none'))
    const height = await page.evaluate(() => {
      const current = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).at(-1)!
      current.scrollTop = 0
      return current.scrollHeight
    })
    await page.setViewportSize({ width: 414, height: Math.min(Math.max(height, 896), 2400) })
    await page.screenshot({ path: path.join(ARTIFACTS, `e2e-reports-${name}.png`) })
    await page.setViewportSize({ width: 414, height: 896 })
  }
  const button = (label: string) => page.locator('.vh-btn').filter({ hasText: new RegExp(`^${label}$`) })
  /** h5's input or textarea by its placeholder (Taro's wrapper element carries the placeholder too) */
  const textbox = (name: string) => page.getByRole('textbox', { name })
  const card = (title: string) => page.locator('.vh-card').filter({ hasText: title })
  /** the report's own card on its detail page (a list of the page below may show the same text) */
  const report = () => card(TEXT).filter({ hasText: '办理单位' })
  /** a small JPEG, as a phone's album would give one, picked through h5's file input */
  async function pickPhoto(colour: { r: number; g: number; b: number }) {
    const buffer = await sharp({ create: { width: 96, height: 72, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.vh-photos__add').last().click()])
    await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer })
    await page.locator('.vh-photos__cover').first().waitFor({ state: 'detached' })
  }
  /** taps the grids' SVG on a grid's name (its middle), as a resident taps where the problem is */
  const tapGrid = (name: string) => page.locator('svg.rp-svg text').filter({ hasText: name }).click()
  /** the 随手拍 form filled as a resident would: category, description, the place */
  async function fillForm(text: string) {
    await open('report/index', {})
    await page.getByText('环境卫生', { exact: true }).click()
    await textbox('说说看到了什么问题（至少5个字）').fill(text)
    await textbox('如：东一巷12号旁的垃圾点').fill(ADDRESS)
    await tapGrid('第一网格（村东）')
    await page.getByText('已在图上标出位置，可再点一下改动').waitFor()
  }
  /** the notices page, waiting for a notice's title */
  async function notices(title: string) {
    await page.goto(`${app.server.url}/#/features/account/pages/notifications/index`)
    await page.getByText(title).first().waitFor()
  }

  test('陈建国 reports rubbish dumped in 第一网格 with a photo and a point on the SVG; the place routes it to 黄伟明', async () => {
    await app.signInAs(page, '陈建国')
    await fillForm(TEXT)
    await pickPhoto({ r: 120, g: 100, b: 70 })
    await page.getByText('1/9 张').waitFor()
    // a draft survives leaving the page: back on it, everything is there, the photo too
    await page.reload()
    await page.getByText('已恢复您上次没有提交的内容').waitFor()
    expect(await textbox('说说看到了什么问题（至少5个字）').inputValue()).toBe(TEXT)
    await page.getByText('1/9 张').waitFor()
    await shot('form')

    await button('提交').click()
    // an open 环境卫生 report 200 m away (东一巷尾's ditch) is offered first; this is another matter
    await page.getByText('附近已有同类问题').waitFor()
    await page.locator('.rp-item').filter({ hasText: '东一巷尾的水沟发臭' }).waitFor()
    await button('不是同一件事，仍要上报').click()
    await page.waitForURL(/reports\/pages\/detail\/index/)
    reportId = new URL(page.url().replace('#/', '')).searchParams.get('reportId')!
    await card('办理经过').waitFor()
    await report().getByText('已上报', { exact: true }).waitFor()
    await report().getByText('第一网格（村东）').waitFor()
    await page.locator('.rp-clock').getByText(/^受理期限：还剩2[34]小时$/).waitFor()

    // stored with the tapped point (inside 第一网格's area, GCJ-02 as drawn), the photo, routed by place, not by his home in 第二网格
    const r = await stored()
    expect(r).toMatchObject({ gridId: G1, status: 'reported', category: '环境卫生', text: TEXT, reporterName: '陈建国', anonymous: false })
    expect(r.photos).toHaveLength(1)
    expect(booleanPointInPolygon(point([r.place.point!.lng, r.place.point!.lat]), polygon([XINSHAN_AREAS[G1]]))).toBe(true)
    const [home] = await app.server.ports.store.find('memberships', { personId: 'p_chenjianguo', villageId: X })
    expect((await app.server.ports.store.get('households', home.householdId!))?.gridId).toBe(`${X}:g2`)
    // the photo is served and shown
    const img = report().locator('img').first()
    await img.evaluate((i: HTMLImageElement) => i.decode())
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(96)
    // the draft is gone once sent
    await open('report/index', {})
    await page.getByText('问题类别').waitFor()
    expect(await page.getByText('已恢复您上次没有提交的内容').count()).toBe(0)
  })

  test('吴丽华 starts the same category at the same spot, is offered his report and adds 同问 instead', async () => {
    await app.signInAs(page, '吴丽华')
    const before = (await app.server.ports.store.find('reports', { villageId: X })).length
    await fillForm('东一巷垃圾点的垃圾好几天没人管了')
    await button('提交').click()
    await page.getByText('附近已有同类问题').waitFor()
    const his = page.locator('.rp-item').filter({ hasText: TEXT.slice(0, 12) })
    await his.getByText(/相距\d+米/).waitFor()
    await shot('nearby')
    await his.locator('.vh-btn').filter({ hasText: '同问' }).click()
    await page.waitForURL(/reports\/pages\/detail\/index/)
    await page.getByText('1人（含您）').waitFor()
    expect(await stored()).toMatchObject({ metoo: 1 })
    expect(await app.server.ports.store.get('reportMeToos', `${reportId}:p_wulihua`)).toBeTruthy()
    expect((await app.server.ports.store.find('reports', { villageId: X })).length).toBe(before)
  })

  test('an anonymous report’s reporter is hidden from another resident and shown to the grid worker', async () => {
    await app.signInAs(page, '吴丽华')
    await open('detail/index', { reportId: NOISE })
    await card('办理经过').waitFor()
    await page.getByText('匿名村民').first().waitFor()
    expect(await page.locator('body').innerText()).not.toContain('陈小红')
    expect(JSON.stringify(await as('demo-wulihua')('reports.get', { villageId: X, reportId: NOISE }))).not.toMatch(/陈小红|p_chenxiaohong/)

    await app.signInAs(page, '黄伟明')
    await open('detail/index', { reportId: NOISE })
    await page.getByText('陈小红（匿名上报，仅工作人员可见）').waitFor()
  })

  test('黄伟明 finds it in his queue, accepts it with an expected date and resolves it with a photo', async () => {
    await app.signInAs(page, '黄伟明')
    await notices('新的随手拍')
    await page.getByText(`${ADDRESS}：环境卫生「${TEXT.slice(0, 20)}…」，请及时受理。`).first().waitFor()
    await open('queue/index', {})
    await page.locator('.rp-item').filter({ hasText: TEXT.slice(0, 12) }).locator('.rp-item__body').click()
    await page.waitForURL(/reports\/pages\/detail\/index/)
    await report().getByText('陈建国', { exact: true }).waitFor()

    await button('受理').click()
    await page.getByText('预计办结日期').waitFor()
    await button('确认受理').click()
    await report().getByText('已受理', { exact: true }).waitFor()
    await page.locator('.rp-clock').getByText(/^办结期限：还剩\d+/).waitFor()
    const accepted = await stored()
    expect(accepted.status).toBe('accepted')
    expect(accepted.resolveDueAt).toBeGreaterThan(Date.now())

    await button('办结').click()
    // refused without a photo of the result, in words
    await textbox('如：垃圾已清运，已在路口加装提示牌').fill('已组织保洁员清运垃圾，路面冲洗干净')
    await button('确认办结').click()
    await page.getByText('请上传办结后的照片').waitFor()
    expect((await stored()).status).toBe('accepted')
    await pickPhoto({ r: 60, g: 140, b: 80 })
    await button('确认办结').click()
    await report().getByText('已办结', { exact: true }).waitFor()
    await card('办结照片').locator('img').first().waitFor()
    expect(await stored()).toMatchObject({ status: 'resolved', resultPhotos: [expect.any(String)] })
  })

  test('陈建国 is told, says it is not fixed with a reason, and it reopens (处理中)', async () => {
    await app.signInAs(page, '陈建国')
    await notices('您的随手拍已办结')
    await page.getByText(/已办结：已组织保洁员清运垃圾，路面冲洗干净。请确认并评价/).first().click()
    await page.waitForURL(/reports\/pages\/detail\/index/)
    await card('问题解决了吗？').waitFor()
    await button('没有解决').click()
    await textbox('如：垃圾清走了，但第二天又有人倒').fill(REASON)
    await button('退回重新处理').click()
    await report().getByText('处理中', { exact: true }).waitFor()
    await report().getByText('1次').waitFor()
    const reopened = card('办理经过').locator('.rp-event').filter({ hasText: '未解决，重新处理' })
    await reopened.getByText(REASON).waitFor()
    await reopened.getByText(/^陈建国（村民） · /).waitFor()
    expect(await stored()).toMatchObject({ status: 'inProgress', reopened: 1 })
  })

  test('黄伟明 resolves it again; 陈建国 confirms it with 4 stars; 吴丽华, who asked too, is told', async () => {
    await app.signInAs(page, '黄伟明')
    await open('detail/index', { reportId })
    await report().getByText('处理中', { exact: true }).waitFor()
    await button('办结').click()
    await textbox('如：垃圾已清运，已在路口加装提示牌').fill('水沟已清淤，垃圾点加装了围挡和提示牌')
    await pickPhoto({ r: 40, g: 90, b: 160 })
    await button('确认办结').click()
    await report().getByText('已办结', { exact: true }).waitFor()

    await app.signInAs(page, '陈建国')
    await open('detail/index', { reportId })
    await card('问题解决了吗？').waitFor()
    // a rating is asked for before anything is sent
    await button('确认已解决').click()
    await page.getByText('请点星星打分（1到5星）').waitFor()
    await page.locator('.rp-stars').getByText('★').nth(3).click()
    await page.getByText('4星').waitFor()
    await button('确认已解决').click()
    await textbox('说说办得怎么样').fill('这次清理得很干净，谢谢网格员')
    await button('提交评价').click()
    await report().getByText('已确认', { exact: true }).waitFor()
    await card('上报人评价').getByText('这次清理得很干净，谢谢网格员').waitFor()
    expect(await stored()).toMatchObject({ status: 'confirmed', rating: 4, ratingNote: '这次清理得很干净，谢谢网格员', reopened: 1 })
    // the whole history, in order, each with who acted
    const events = card('办理经过').locator('.rp-event__title')
    expect(await events.allInnerTexts()).toEqual(['上报', '同问', '受理', '办结', '未解决，重新处理', '办结', '确认办结'])
    await shot('detail')

    // those who asked too are told by the job, as the server's timer would (it reads the report's 同问 marks then)
    await runJobs(app.server.ports)
    await app.signInAs(page, '吴丽华')
    await notices('您同问的问题已办结')
  })

  test('民情地图 in h5: the grids’ SVG with the halls and a marker per report; a tap on a marker opens it', async () => {
    await app.signInAs(page, '黄伟明')
    await open('map/index', {})
    const svg = page.getByRole('img', { name: '网格示意图' })
    await svg.waitFor()
    const map = await as('demo-huangweiming')<ReportMap>('reports.map', { villageId: X })
    expect(await svg.locator('polygon').count()).toBe(3)
    for (const name of ['第一网格（村东）', '第二网格（村西）', '第三网格（新村）']) await svg.getByText(name).waitFor()
    await svg.getByText('新山村党群服务中心').waitFor()
    await page.getByText(`共 ${map.markers.length} 处问题标在图上（未办结的，及近30天办结的）`).waitFor()
    const markers = svg.locator('g[role=button]')
    expect(await markers.count()).toBe(map.markers.length)
    const mine = map.markers.findIndex((m) => m.reportId === reportId)
    expect(map.markers[mine]).toMatchObject({ status: 'confirmed', word: '已确认', overdue: false })
    expect(await markers.nth(mine).getAttribute('aria-label')).toBe('环境卫生 已确认')
    await card('第一网格（村东）').getByText(TEXT.slice(0, 12)).waitFor()
    await shot('map')
    await markers.nth(mine).click()
    await page.waitForURL(/reports\/pages\/detail\/index/)
    expect(new URL(page.url().replace('#/', '')).searchParams.get('reportId')).toBe(reportId)
    await report().getByText('已确认', { exact: true }).waitFor()
  })

  test('past the street lamp’s deadline to accept, the job escalates it once and 蔡国华 sees it in 消息, the town’s list and the queue', async () => {
    // what was already overdue at the seed is escalated first; the lamp is not yet due
    await runJobs(app.server.ports)
    const lamp = await stored(LAMP)
    expect(lamp).toMatchObject({ status: 'reported', escalatedAt: null })
    expect(lamp.acceptDueAt).toBeGreaterThan(Date.now())

    offset = lamp.acceptDueAt! + 10 * 60_000 - Date.now()
    await page.clock.setFixedTime(Date.now() + offset)
    expect((await runJobs(app.server.ports)).reportsEscalate).toBeGreaterThanOrEqual(1)
    const escalated = await stored(LAMP)
    expect(escalated.escalatedAt).not.toBeNull()
    expect(escalated.history.at(-1)).toMatchObject({ action: 'escalate', byName: '系统' })
    // once: a second run finds nothing for it
    expect((await runJobs(app.server.ports)).reportsEscalate).toBe(0)
    expect((await stored(LAMP)).history.filter((e) => e.action === 'escalate')).toHaveLength(1)

    await app.signInAs(page, '蔡国华')
    await notices('随手拍逾期未受理')
    await page.getByText(/^新山村东一巷中段：道路设施「东一巷中段的路灯坏了好几天，晚上黑漆漆的…」受理时限.*已过，请督办。$/).click()
    await page.waitForURL(/reports\/pages\/detail\/index/)
    await page.locator('.rp-clock').getByText('受理期限：已逾期10分钟').waitFor()
    await card('办理经过').locator('.rp-event').filter({ hasText: '逾期，上报镇街' }).getByText(/^系统 · /).waitFor()

    await open('figures/index', {})
    const overdue = page.locator('.vh-card').filter({ hasText: /联安镇 · 逾期问题（\d+）/ })
    await overdue.locator('.rp-item').filter({ hasText: '东一巷中段的路灯坏了好几天' }).getByText('已逾期', { exact: true }).waitFor()
    await shot('town')

    await open('queue/index', { filter: 'overdue' })
    await page.locator('.rp-item').filter({ hasText: '东一巷中段的路灯坏了好几天' }).getByText('已逾期', { exact: true }).waitFor()
    const view = await as('demo-caiguohua')<ReportView>('reports.get', { villageId: X, reportId: LAMP })
    expect(view.due).toMatchObject({ kind: 'accept', overdue: true })
  })
})
