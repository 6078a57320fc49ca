/** The content check's parts that need no store: the local stand-in, long texts in pieces, the cloud image check over a fake wx-server-sdk. */
import { LocalContentCheck } from '../../cloud/src/adapters/local'
import { CloudBaseContentCheck, IMG_CHECK_MAX_BYTES } from '../../cloud/src/adapters/cloudbase/services'
import type { WxCloud } from '../../cloud/src/adapters/cloudbase'
import { checkText, MAX_CHECK_CHARS } from '../../cloud/src/common/content'
import type { ContentCheck, Ports } from '../../cloud/src/ports/ports'

describe('the local stand-in', () => {
  const check = new LocalContentCheck()
  test('refuses 赌博 / 六合彩 as an activity, passes them as a prohibition (what village rules say)', async () => {
    expect(await check.text('周末一起去赌博')).toEqual({ ok: false, reason: '含有违规词「赌博」' })
    expect(await check.text('大家一起买六合彩')).toMatchObject({ ok: false })
    expect(await check.text('严禁赌博、吸食毒品，不得打架斗殴。')).toEqual({ ok: true })
    expect(await check.text('珍爱生命，远离毒品')).toEqual({ ok: true })
    // one prohibition does not cover another clause that is no prohibition
    expect(await check.text('严禁赌博。晚上到祠堂赌博')).toMatchObject({ ok: false })
  })
  test('without a files folder, or for a photo not on this disk, a photo passes (the cloud looks at it there)', async () => {
    expect(await check.image('cloud://env.bucket/villages/v-x/photos/20261126/a.jpg')).toEqual({ ok: true })
    expect(await new LocalContentCheck('/nonexistent').image('local://villages/v-x/photos/20261126/a.jpg')).toEqual({ ok: true })
  })
})

describe('checkText', () => {
  /** a check that records what it was sent and refuses text containing 坏 */
  function recording() {
    const sent: string[] = []
    const contentCheck: ContentCheck = {
      text: async (t) => (sent.push(t), t.includes('坏') ? { ok: false, reason: '含有不合规内容' } : { ok: true }),
      image: async () => ({ ok: true }),
    }
    return { sent, ctx: { ports: { contentCheck } as Ports, openid: 'o' } }
  }

  test(`texts longer than msgSecCheck takes (${MAX_CHECK_CHARS} characters) go in pieces, none over the limit, nothing left out`, async () => {
    const { sent, ctx } = recording()
    const clauses = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, `第${i + 1}条`.padEnd(300, '好')]))
    await checkText(ctx, clauses)
    expect(sent.length).toBeGreaterThan(1)
    expect(Math.max(...sent.map((t) => Array.from(t).length))).toBeLessThanOrEqual(MAX_CHECK_CHARS)
    expect(sent.join('\n').replace(/\n/g, '')).toBe(Object.values(clauses).join(''))
  })

  test('a refusal in the 20th of 30 long clauses names that clause', async () => {
    const { ctx } = recording()
    const clauses = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, (i === 19 ? '坏' : '').padEnd(300, '好')]))
    await expect(checkText(ctx, clauses)).rejects.toMatchObject({ code: 'CONTENT_REJECTED', fields: { c19: '含有不合规内容' } })
  })
})

describe('the cloud image check (imgSecCheck on a copy storage makes small)', () => {
  const FILE = 'cloud://env-1.bucket/villages/v-x/photos/20261126/a.jpg'
  function fakeCloud(over: { status?: number; secCheck?: () => Promise<unknown> } = {}) {
    const calls = { urls: [] as string[], media: [] as Array<{ contentType: string; value: Buffer }> }
    const cloud = {
      getTempFileURL: async ({ fileList }: { fileList: string[] }) => ({
        fileList: fileList.map((fileID) => ({ fileID, status: over.status ?? 0, tempFileURL: 'https://env-1.tcb.qcloud.la/villages/v-x/photos/20261126/a.jpg?sign=abc&t=1' })),
      }),
      openapi: {
        security: {
          imgSecCheck: async (p: { media: { contentType: string; value: Buffer } }) => (calls.media.push(p.media), over.secCheck ? over.secCheck() : { errCode: 0 }),
        },
      },
    } as unknown as WxCloud
    const download = async (url: string, max: number) => {
      calls.urls.push(url)
      expect(max).toBe(IMG_CHECK_MAX_BYTES)
      return Buffer.from('jpeg bytes')
    }
    return { check: new CloudBaseContentCheck(cloud, () => undefined, download), calls }
  }

  test('asks storage for a JPEG within 750 × 1334 and sends that to imgSecCheck', async () => {
    const { check, calls } = fakeCloud()
    expect(await check.image(FILE)).toEqual({ ok: true })
    expect(calls.urls).toEqual(['https://env-1.tcb.qcloud.la/villages/v-x/photos/20261126/a.jpg?sign=abc&t=1&imageMogr2/thumbnail/750x1334/format/jpg/quality/80'])
    expect(calls.media).toEqual([{ contentType: 'image/jpeg', value: Buffer.from('jpeg bytes') }])
  })

  test('87014 is a refusal; any other failure, or a file storage does not have, refuses too (unchecked is not shown)', async () => {
    expect(await fakeCloud({ secCheck: () => Promise.reject({ errCode: 87014, errMsg: 'risky content' }) }).check.image(FILE)).toEqual({ ok: false, reason: '图片含有违法违规内容' })
    expect(await fakeCloud({ secCheck: () => Promise.reject({ errCode: -604101 }) }).check.image(FILE)).toEqual({ ok: false, reason: '图片检查暂时不可用，请稍后再试' })
    expect(await fakeCloud({ status: -1 }).check.image(FILE)).toEqual({ ok: false, reason: '图片不存在或已过期，请重新上传' })
  })
})
