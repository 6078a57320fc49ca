/**
 * In Chromium, issue 12's flow on a clock the test holds (the server's and the page's): a Monday 08:00 in Beijing,
 * before the canteen's cut-off (150 minutes before 11:30). The demo seeds 李桂兰's lunches for today and tomorrow,
 * so the flow books Wednesday's. 张秀英 lowers that day's seats to 2 in 编辑服务 (an exception, as a kitchen short
 * of hands would: the slot fills with two bookings instead of 80 made up ones); 林俊 books lunch for his mother,
 * 林水生 takes the other seat, 陈建国 finds it 已满 and joins the waitlist; 林水生 cancels in 我的预约 and 陈建国 is
 * promoted and told (候补成功 in his 消息). On Wednesday at 11:10 the hall's poster is decoded with jsqr and its
 * link opened by 林俊: the hall page shows his mother's booking and 签到 checks her in, once. The poster page
 * printed to A4 by Chromium holds the hall, the services and 微信扫一扫 预约·签到 on one page.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { BookingView, HallPoster, ServiceDays } from '../../cloud/src/contract'
import { shanghaiDay, shanghaiDayPlus } from '../../cloud/src/common/time'
import { instantOf, weekdayOf } from '../../cloud/src/features/booking/slots'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'
import { qrLinkOf } from '../qr-link'
import { pdfText } from './pdf-text'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const X = 'v-xinshan'
const HALL = 'v-xinshan:hall'
const CANTEEN = 'v-xinshan:hall:canteen'

/** this week's Monday in Beijing: the seed's today (Monday) and next lunch (Tuesday) leave Wednesday free */
const MONDAY = shanghaiDayPlus(Date.now(), 1 - weekdayOf(shanghaiDay(Date.now())))
const WEDNESDAY = shanghaiDayPlus(instantOf(MONDAY, '12:00'), 2)
const LUNCH = `${CANTEEN}@${WEDNESDAY}@11:30`
/** 12月2日, as the day chips and the bookings name a day */
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

run('in Chromium: a son books lunch for his mother, the slot fills, the waitlist is promoted, and she is checked in by the poster’s code', () => {
  /** the server's clock: the real one moved to the moment the test is at */
  let offset = instantOf(MONDAY, '08:00') - Date.now()
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]), { clock: { now: () => Date.now() + offset } })

  /** moves both clocks (the page's is fixed: its labels 今天/明天 follow the server's day) */
  async function setTime(date: string, time: string) {
    offset = instantOf(date, time) - Date.now()
    await page.clock.setFixedTime(instantOf(date, time))
  }
  const as = (openid: string) => async <T>(action: string, input: unknown): Promise<T> => {
    const r = await app.server.router(action, input, { openid })
    if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const open = (route: string) => page.goto(`${app.server.url}/#/features/booking/pages/${route}`)
  const shot = async (name: string) => {
    await page.waitForTimeout(400) // the page's slide-in done
    await page.screenshot({ path: path.join(ARTIFACTS, `e2e-booking-${name}.png`), fullPage: true })
  }
  const modal = (button: string) => page.locator('.taro-modal__foot, .taro-modal__footer').getByText(button, { exact: true }).click()
  const lunchRow = () => page.locator('.bk-slot').filter({ hasText: '11:30–12:30 午餐' })
  /** the service page on Wednesday, booking for `whom` */
  async function openLunch(whom: string) {
    await open(`service/index?villageId=${X}&serviceId=${encodeURIComponent(CANTEEN)}`)
    await page.getByText(whom, { exact: true }).click()
    await page.locator('.bk-day').filter({ hasText: md(WEDNESDAY) }).click()
    await lunchRow().waitFor()
  }
  const lunchSeats = async () => (await as('demo-linjun')<ServiceDays>('booking.days', { villageId: X, serviceId: CANTEEN })).days.find((d) => d.date === WEDNESDAY)!.slots.find((s) => s.start === '11:30')!

  /** the element's box once it has stopped moving (the same in two looks 150 ms apart) */
  async function still(target: ReturnType<typeof page.locator>) {
    let last = (await target.boundingBox())!
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(150)
      const now = (await target.boundingBox())!
      if (now.y === last.y && now.x === last.x) return now
      last = now
    }
    return last
  }

  /**
   * Taro's h5 date picker: three wheels (year, month, day) of 34px rows, where a tap on a row turns the wheel
   * to it. A row out of sight is reached by tapping the wheel's last row on its side until it shows.
   */
  async function pickDate(date: string) {
    const [y, m, d] = date.split('-')
    for (const [i, text] of [`${y}年`, `${m}月`, `${d}日`].entries()) {
      const wheel = page.locator('.weui-picker:visible .weui-picker__group').nth(i)
      for (let tries = 0; ; tries++) {
        // measured each time, once still: the picker slides up when it opens, and a wheel glides after a click (a
        // busy machine draws it late: a row read mid-glide, or 确定 pressed mid-glide, picks the day it passes)
        const row = await still(wheel.getByText(text, { exact: true }))
        const box = (await wheel.boundingBox())!
        const indicator = (await wheel.locator('.weui-picker__indicator').boundingBox())!
        const centre = indicator.y + indicator.height / 2
        const middle = row.y + row.height / 2
        if (Math.abs(middle - centre) < row.height / 2) break
        if (tries > 20) throw new Error(`the picker never showed ${text}`)
        // the row itself when in sight, else the wheel's last row towards it
        const y = middle > box.y && middle < box.y + box.height ? middle : middle < box.y ? box.y + 17 : box.y + box.height - 17
        await page.mouse.click(box.x + box.width / 2, y)
        await page.waitForTimeout(300)
      }
    }
    await page.locator('.weui-picker:visible').getByText('确定', { exact: true }).click()
  }

  beforeAll(async () => {
    await page.clock.setFixedTime(instantOf(MONDAY, '08:00'))
  })

  test('张秀英 gives Wednesday’s lunch 2 seats in 编辑服务', async () => {
    await app.signInAs(page, '张秀英')
    await open(`service-edit/index?villageId=${X}&hallId=${encodeURIComponent(HALL)}&serviceId=${encodeURIComponent(CANTEEN)}`)
    await page.getByText('编辑服务 · 长者饭堂').waitFor()
    const exceptions = page.locator('.vh-card').filter({ hasText: '例外日期（节假日、临时调整）' })
    const before = await exceptions.locator('.bk-slot').count()
    await page.getByText('添加例外日期', { exact: true }).click()
    const added = exceptions.locator('.bk-slot').nth(before)
    await added.getByText(/ ▾$/).click()
    await pickDate(WEDNESDAY)
    await added.getByText(`${WEDNESDAY} ▾`).waitFor()
    await added.getByText('调整名额', { exact: true }).click()
    await added.getByRole('textbox', { name: '如：60' }).fill('2')
    await added.getByRole('textbox', { name: '如：元旦休息' }).fill('厨房人手不足，当天少做')
    await page.getByText('保存', { exact: true }).click()
    // the form goes back once saved; the day's seats as residents will see them
    for (let i = 0; i < 50 && (await lunchSeats()).capacity !== 2; i++) await page.waitForTimeout(100)
    expect(await lunchSeats()).toMatchObject({ state: 'open', seatsLeft: 2, waitlist: 0 })
  })

  test('林俊 books Wednesday’s lunch for his mother 李桂兰 through 为谁预约', async () => {
    await app.signInAs(page, '林俊')
    await openLunch('李桂兰（同户）')
    await lunchRow().getByText('剩余2位').waitFor()
    await shot('service')
    await lunchRow().getByText('预约', { exact: true }).click()
    await page.getByText('预约成功', { exact: true }).waitFor()
    await page.getByText(`李桂兰 · 长者饭堂`).waitFor()
    await shot('booked')
    expect(await lunchSeats()).toMatchObject({ seatsLeft: 1, mine: [{ name: '李桂兰', status: 'booked' }] })
  })

  test('林水生 takes the last seat; 陈建国 finds it 已满 and joins the waitlist', async () => {
    await as('demo-linshuisheng')('booking.book', { villageId: X, slotId: LUNCH })
    await app.signInAs(page, '陈建国')
    await openLunch('陈建国（本人）')
    await lunchRow().getByText('已满', { exact: true }).waitFor()
    expect(await lunchRow().getByText('预约', { exact: true }).count()).toBe(0)
    await lunchRow().getByText('加入候补', { exact: true }).click()
    await page.getByText('已加入候补', { exact: true }).waitFor()
    await page.getByText('排在第1位。有人取消时按顺序递补，递补成功会通知您。').waitFor()
    await shot('waitlisted')
    expect(await lunchSeats()).toMatchObject({ state: 'full', seatsLeft: 0, waitlist: 1 })
  })

  test('林水生 cancels in 我的预约; 陈建国 gets the seat and 候补成功 in his 消息', async () => {
    await app.signInAs(page, '林水生')
    await open(`mine/index?villageId=${X}`)
    const card = page.locator('.vh-card').filter({ hasText: `长者饭堂 · ${md(WEDNESDAY)}` })
    await card.getByText('取消预约', { exact: true }).click()
    await modal('取消预约')
    await page.locator('.vh-card').filter({ hasText: `长者饭堂 · ${md(WEDNESDAY)}` }).waitFor({ state: 'detached' })
    expect(await lunchSeats()).toMatchObject({ state: 'full', seatsLeft: 0, waitlist: 0 })

    await app.signInAs(page, '陈建国')
    await page.getByText('未读消息').waitFor()
    await page.goto(`${app.server.url}/#/features/account/pages/notifications/index`)
    await page.getByText('候补成功').first().waitFor()
    await page.getByText(new RegExp(`陈建国已候补到 长者饭堂 .*11:30–12:30 的名额`)).first().waitFor()
    await shot('promoted-notice')
    await open(`mine/index?villageId=${X}`)
    const mine = page.locator('.vh-card').filter({ hasText: `长者饭堂 · ${md(WEDNESDAY)}` })
    await mine.getByText('已预约', { exact: true }).waitFor()
  })

  test('on Wednesday at 11:10 林俊 opens the link in the poster’s code: his mother’s booking, 签到 once', async () => {
    await setTime(WEDNESDAY, '11:10')
    const poster = await as('demo-zhangxiuying')<HallPoster>('booking.poster', { villageId: X, hallId: HALL })
    const link = await qrLinkOf(poster.image)
    expect(link).toBe(`${app.server.url}/#/features/booking/pages/hall/index?scene=${encodeURIComponent('h=v-xinshan:hall')}`)

    await app.signInAs(page, '林俊')
    await page.goto(link)
    await page.getByText('新山村党群服务中心').first().waitFor()
    await page.getByText(`今日预约 · ${md(WEDNESDAY)} 周三`).waitFor()
    const hers = page.locator('.vh-card').filter({ hasText: '李桂兰' }).filter({ hasText: '长者饭堂' })
    await hers.getByText('林俊 代订').waitFor()
    await shot('hall')
    await hers.locator('.vh-btn').filter({ hasText: '签到（李桂兰）' }).click()
    await hers.getByText('已签到 11:10').waitFor()
    expect(await hers.getByText('签到（李桂兰）').count()).toBe(0)
    await shot('checked-in')

    // a second tap (another phone of the family still showing the button) changes nothing
    const bookingId = `${LUNCH}~p_liguilan`
    const stored = await app.server.ports.store.get('bookings', bookingId)
    const again = await as('demo-linjun')<BookingView>('booking.checkIn', { villageId: X, hallId: HALL, bookingId })
    expect(again).toMatchObject({ status: 'checkedIn', checkedInAt: stored!.checkedInAt })
    expect(await app.server.ports.store.get('bookings', bookingId)).toEqual(stored)
    await page.reload()
    await page.locator('.vh-card').filter({ hasText: '李桂兰' }).filter({ hasText: '长者饭堂' }).getByText('已签到 11:10').waitFor()
  })

  test('the poster page printed to A4 by Chromium: the hall, its services and 微信扫一扫 预约·签到 on one page', async () => {
    await app.signInAs(page, '张秀英')
    await open(`poster/index?villageId=${X}&hallId=${encodeURIComponent(HALL)}`)
    // the sheet alone, as the printing browser opens it (no page sliding in over the last one)
    await page.reload()
    await page.locator('.vh-poster__sheet').getByText('微信扫一扫 预约·签到').waitFor()
    await page.locator('.vh-poster__code img').evaluate((img: HTMLImageElement) => img.decode())
    // the code drawn inside its square (the sheet's centring once pushed Taro's absolutely placed <img> half a code right)
    const [square, drawn] = await Promise.all([page.locator('.vh-poster__code').boundingBox(), page.locator('.vh-poster__code img').boundingBox()])
    expect(Math.abs(drawn!.x - square!.x)).toBeLessThan(2)
    expect(drawn!.x + drawn!.width).toBeLessThanOrEqual(414)
    const services = (await as('demo-zhangxiuying')<HallPoster>('booking.poster', { villageId: X, hallId: HALL })).services.map((s) => s.name)
    expect(services).toEqual(expect.arrayContaining(['长者饭堂', '一村一法律顾问', '调解室']))
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    await page.emulateMedia({ media: 'screen' })
    fs.writeFileSync(path.join(ARTIFACTS, 'e2e-booking-poster.pdf'), pdf)
    const text = await pdfText(pdf)
    expect(text.pages).toBe(1)
    const flat = text.content.replace(/\s+/g, '')
    expect(flat).toContain('新山村党群服务中心')
    for (const name of services) expect(flat).toContain(name)
    expect(flat).toContain('微信扫一扫预约·签到')
    expect(flat).not.toContain('打印')
  })
})
