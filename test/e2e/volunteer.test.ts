/**
 * In Chromium, issue 14's 志愿服务 flow on a clock the test moves (the server's): 林志强 publishes an activity with
 * the form's defaults (tomorrow 09:00–11:00); 陈建国 signs up; at 09:05 the activity's poster, printed by 林志强,
 * has its code read by jsqr and its link opened by 陈建国, who checks in; at 11:30 林志强 confirms the hours —
 * 陈建国 left early, 1.5 hours of 2 — and 陈建国 sees them on 我的志愿时长. Screenshots in test/artifacts/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { ActivityDetail } from '../../cloud/src/contract'
import { shanghaiDayPlus } from '../../cloud/src/common/time'
import { instantOf } from '../../cloud/src/features/booking/slots'
import { runJobs } from '../../cloud/src/jobs'
import { qrLinkOf } from '../qr-link'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'
import { pdfText } from './pdf-text'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const X = 'v-xinshan'
const TITLE = '河道清理（测试）'
const TOMORROW = shanghaiDayPlus(Date.now(), 1)

run('in Chromium: a volunteer signs up, checks in with the poster’s code, and sees the hours the organiser confirmed', () => {
  /** the server's clock: the real one moved to the moment the test is at */
  let offset = 0
  let app: App
  let page: Page
  let activityId = ''
  appForSuite((a, p) => ([app, page] = [a, p]), { clock: { now: () => Date.now() + offset } })

  const setTime = (time: string) => (offset = instantOf(TOMORROW, time) - Date.now())
  const open = (route: string) => page.goto(`${app.server.url}/#/features/volunteer/pages/${route}`)
  const activity = async (openid: string) => {
    const r = await app.server.router('volunteer.activity', { villageId: X, activityId }, { openid })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    return r.data as ActivityDetail
  }
  const shot = async (name: string) => {
    await page.waitForTimeout(400) // the page's slide-in done
    await page.screenshot({ path: path.join(ARTIFACTS, `e2e-volunteer-${name}.png`), fullPage: true })
  }
  const visible = (text: string) => page.getByText(text, { exact: true }).locator('visible=true').first()

  test('林志强 publishes an activity (tomorrow 09:00–11:00, the form’s defaults) and 陈建国 signs up', async () => {
    await app.signInAs(page, '林志强')
    await open(`list/index?villageId=${X}`)
    await visible('发布活动').click()
    await page.waitForURL(/volunteer\/pages\/edit\/index/)
    await page.getByText('09:00 开始').waitFor()
    await page.getByRole('textbox', { name: '如：村道清洁日' }).fill(TITLE)
    await page.getByRole('textbox', { name: '在哪里集合' }).fill('新山村小河边')
    await page.getByRole('textbox', { name: '如：20' }).fill('8')
    await shot('edit')
    await visible('发布活动').click()
    await page.waitForURL(/volunteer\/pages\/activity\/index\?.*activityId=/)
    activityId = decodeURIComponent(/activityId=([^&]+)/.exec(page.url())![1])
    expect(await activity('demo-linzhiqiang')).toMatchObject({ title: TITLE, startsAt: instantOf(TOMORROW, '09:00'), endsAt: instantOf(TOMORROW, '11:00'), capacity: 8, orgName: '村委会' })

    await app.signInAs(page, '陈建国')
    await open(`list/index?villageId=${X}`)
    await visible(TITLE).click()
    await page.getByText('还没有报名').waitFor()
    await visible('报名参加').click()
    await page.getByText('已报名 1/8').waitFor()
    await page.getByText('活动开始前30分钟才能签到').waitFor()
    await shot('signed-up')
  })

  test('at 09:05 the poster’s code, read by jsqr, opens the activity for 陈建国, who checks in once', async () => {
    setTime('09:05')
    await app.signInAs(page, '林志强')
    await open(`activity/index?villageId=${X}&activityId=${encodeURIComponent(activityId)}`)
    await visible('签到二维码海报').click()
    await page.waitForURL(/volunteer\/pages\/poster\/index/)
    // the sheet alone, as the printing browser opens it
    await page.reload()
    await page.locator('.vh-poster__sheet').getByText('微信扫一扫 志愿签到').waitFor()
    const code = page.locator('.vh-poster__code img')
    await code.evaluate((img: HTMLImageElement) => img.decode())
    await shot('poster')
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    await page.emulateMedia({ media: 'screen' })
    fs.writeFileSync(path.join(ARTIFACTS, 'e2e-volunteer-poster.pdf'), pdf)
    const text = await pdfText(pdf)
    expect(text.pages).toBe(1)
    const flat = text.content.replace(/\s+/g, '')
    for (const s of [TITLE, '微信扫一扫志愿签到', '地点：新山村小河边', '09:00–11:00']) expect(flat).toContain(s)
    expect(flat).not.toContain('打印')

    // the code's own pixels, as a phone's camera reads them
    const link = await qrLinkOf((await code.getAttribute('src'))!)
    expect(link).toBe(`${app.server.url}/#/features/volunteer/pages/activity/index?scene=${encodeURIComponent(`a=${activityId}`)}`)
    await app.signInAs(page, '陈建国')
    await page.goto(link)
    await page.getByText(TITLE).first().waitFor()
    await visible('签到').click()
    await page.getByText('已签到', { exact: true }).first().waitFor()
    expect(await page.getByText('签到', { exact: true }).count()).toBe(0)
    await shot('checked-in')
    const mine = (await activity('demo-chenjianguo')).mine!
    expect(mine).toMatchObject({ status: 'checkedIn', checkedInAt: expect.any(Number) })
    // a second scan (the page still open on another phone) is refused and changes nothing
    const again = await app.server.router('volunteer.checkIn', { villageId: X, activityId }, { openid: 'demo-chenjianguo' })
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } })
    expect((await activity('demo-chenjianguo')).mine).toEqual(mine)
  })

  test('at 11:30 林志强 confirms: 陈建国 left early, 1.5 hours; 陈建国 sees them on 我的志愿时长', async () => {
    setTime('11:30')
    await app.signInAs(page, '林志强')
    await open(`activity/index?villageId=${X}&activityId=${encodeURIComponent(activityId)}`)
    const row = page.locator('.vh-row').filter({ hasText: '陈建国' }).locator('visible=true').first()
    await row.getByText('2小时', { exact: true }).waitFor()
    await row.getByText('−', { exact: true }).click()
    await row.getByText('1.5小时', { exact: true }).waitFor()
    await shot('confirm')
    await visible('确认志愿时长').click()
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('确认时长', { exact: true }).click()
    await page.getByText('林志强已确认时长').waitFor()
    expect((await activity('demo-linzhiqiang')).roster!.map((r) => [r.name, r.status, r.minutes])).toEqual([['陈建国', 'attended', 90]])
    // the time-driven job writes the confirmed hours (the server's timer, within a minute)
    expect((await runJobs(app.server.ports)).volunteerHours).toBe(1)

    await app.signInAs(page, '陈建国')
    await open(`hours/index?villageId=${X}`)
    // the demo's 海滩净滩行动 (3 hours) and this one
    await page.getByText('我的志愿时长：4.5小时').waitFor()
    await page.locator('.vh-row').filter({ hasText: TITLE }).getByText(/1\.5小时/).waitFor()
    await shot('hours')
  })
})
