/**
 * The hall's poster read by a real QR reader, then opened in the mini-program runner: the chain
 * poster → code → scene → page. Locally the code is a QR code of the h5 link (…/#/<page>?scene=<scene>);
 * in the cloud it is a mini-program code of the same page and scene (wxacode.getUnlimited), and WeChat
 * opens the page with `scene` in onLoad's options, URL-encoded — as the runner's Session.open passes it.
 * The clock is a weekday at 11:10 in Beijing, inside the check-in window of the demo's lunch that
 * 林俊 booked for his mother 李桂兰 (none on Sundays: Saturday's then).
 */
import path from 'node:path'
import fs from 'node:fs'
import jsQR from 'jsqr'
import sharp from 'sharp'
import type { HallPoster } from '../../cloud/src/contract'
import { shanghaiDay, shanghaiDayPlus } from '../../cloud/src/common/time'
import { instantOf, weekdayOf } from '../../cloud/src/features/booking/slots'
import { localCloudBackend, type Backend } from './runner/backend'
import { DIST, freshWeappBuild } from './runner/build'
import { Session } from './runner/session'
import { compileView, type CompiledView } from './runner/view'

const today = shanghaiDay(Date.now())
const DAY = weekdayOf(today) === 7 ? shanghaiDayPlus(instantOf(today, '12:00'), -1) : today
const NOW = instantOf(DAY, '11:10')
const HALL_PAGE = 'features/booking/pages/hall/index'

let view: CompiledView
let backend: Backend

beforeAll(async () => {
  const build = await freshWeappBuild()
  if (!build.ok) throw new Error(`weapp build failed: ${build.error}`)
  view = compileView(DIST)
  backend = await localCloudBackend(NOW)
}, 600_000)

afterAll(() => backend?.close())

/** the poster as the hall's staff get it, its PNG's pixels read by jsqr */
async function posterLink(): Promise<{ poster: HallPoster; link: string }> {
  const r = (await backend.call({ action: 'booking.poster', input: { villageId: 'v-xinshan', hallId: 'v-xinshan:hall' } }, 'demo-zhangxiuying')) as { ok: boolean; data: HallPoster }
  expect(r.ok).toBe(true)
  const png = Buffer.from(r.data.image.replace(/^data:image\/png;base64,/, ''), 'base64')
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const code = jsQR(new Uint8ClampedArray(data), info.width, info.height)
  if (!code) throw new Error('no QR code found in the poster’s image')
  return { poster: r.data, link: code.data }
}

test('the scene in the poster’s code opens the hall page in the mini-program with today’s booking, and 签到 checks in', async () => {
  const { poster, link } = await posterLink()
  // the link's page and scene: the same the cloud's mini-program code carries
  const hash = new URL(link).hash // #/features/booking/pages/hall/index?scene=h%3D…
  const [route, query] = hash.slice(2).split('?')
  const scene = new URLSearchParams(query).get('scene')!
  expect(route).toBe(HALL_PAGE)
  expect(route).toBe(poster.page)
  expect(scene).toBe(poster.scene)
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages: Array<{ root: string; pages: string[] }> }
  expect(appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))).toContain(route)

  const session = new Session({ dist: DIST, view, backend: backend.call, openid: 'demo-linjun' })
  await session.open(route, { scene })
  expect(session.mp.errors).toEqual([])
  expect(backend.received.find((r) => r.action === 'booking.hallByScene')?.input).toEqual({ scene })
  const text = session.text()
  for (const t of ['新山村党群服务中心', '今日预约 · ', '李桂兰', '林俊 代订', '签到（李桂兰）']) expect(text).toContain(t)

  await session.tap('签到（李桂兰）')
  expect(session.mp.errors).toEqual([])
  const checkIn = backend.received.filter((r) => r.action === 'booking.checkIn')
  expect(checkIn).toEqual([expect.objectContaining({ openid: 'demo-linjun', ok: true, input: expect.objectContaining({ hallId: 'v-xinshan:hall', bookingId: `v-xinshan:hall:canteen@${DAY}@11:30~p_liguilan` }) })])
  expect(session.text()).toContain('已签到 11:10')
  expect(session.text()).not.toContain('签到（李桂兰）')
})
