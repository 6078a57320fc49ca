/** POST /upload on a started local server: the h5 build's photo upload. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalServer } from '../../cloud/server/server'
import { ID } from './harness'

const X = 'v-xinshan'
/** a 1x1 red PNG */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

let server: Awaited<ReturnType<typeof startLocalServer>>
let dataDir: string
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-upload-'))
  server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, quiet: true })
})
afterAll(async () => {
  await server.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function upload(body: Buffer, { openid = ID.committee as string | null, villageId = X, type = 'image/png' } = {}) {
  const headers: Record<string, string> = { 'content-type': type }
  if (openid) headers['x-demo-openid'] = openid
  const res = await fetch(`${server.url}/upload?villageId=${villageId}`, { method: 'POST', headers, body: new Uint8Array(body) })
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string; message: string } } }
}
const filesInStorage = () => (fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).filter((f) => String(f).includes('.')) : [])

test('a member uploads a PNG: the fileId is in the village photo folder and the file is served back at /files/', async () => {
  const r = await upload(PNG, { openid: ID.resident })
  expect(r.status).toBe(200)
  expect(r.body.ok).toBe(true)
  const fileId = r.body.data!.fileId
  expect(fileId).toMatch(/^local:\/\/villages\/v-xinshan\/photos\/\d{8}\/[a-z0-9]+\.png$/)
  const { [fileId]: url } = await server.ports.files.urls([fileId])
  const served = await fetch(server.url + url)
  expect(served.status).toBe(200)
  expect(served.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)
  // the fileId is accepted on a topic of that village
  const draft = await server.router(
    'topics.save',
    { villageId: X, title: '村道两侧种植绿化树', background: '', question: '是否同意种树？', kind: 'yesno', mode: 'person', results: 'live', opensAt: Date.now(), closesAt: Date.now() + 86400000, photos: [fileId] },
    { openid: ID.committee },
  )
  expect(draft).toMatchObject({ ok: true, data: { photoUrls: { [fileId]: url } } })
})

test('the bytes decide, not the header: a text file labelled PNG is refused, and so is a declared text type', async () => {
  const before = filesInStorage().length
  expect(await upload(Buffer.from('这不是图片，只是一段文字'))).toEqual({ status: 415, body: { ok: false, error: { code: 'BAD_INPUT', message: '只支持 JPG、PNG 图片' } } })
  expect(await upload(PNG, { type: 'text/plain' })).toMatchObject({ status: 415, body: { error: { message: '只支持 JPG、PNG 图片' } } })
  expect(await upload(Buffer.from('GIF89a\x01\x00\x01\x00'), { type: 'image/gif' })).toMatchObject({ status: 415 })
  expect(filesInStorage()).toHaveLength(before)
})

test('only a signed-in member of that village may upload', async () => {
  const before = filesInStorage().length
  expect(await upload(PNG, { openid: null })).toEqual({ status: 401, body: { ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录' } } })
  expect(await upload(PNG, { openid: 'visitor-nobody' })).toMatchObject({ status: 401, body: { error: { message: '请先登录' } } })
  // 乌坎村's committee is not a member of 新山村; a person still waiting to be approved is no member either
  expect(await upload(PNG, { openid: ID.wukanCommittee })).toEqual({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '无权限' } } })
  expect(await upload(PNG, { openid: ID.pendingPerson })).toMatchObject({ status: 403, body: { error: { message: '无权限' } } })
  expect(await upload(PNG, { villageId: '../../etc' })).toMatchObject({ status: 403, body: { error: { message: '无权限' } } })
  expect(filesInStorage()).toHaveLength(before)
})

test('an image over 5 MB is refused', async () => {
  const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
  expect(await upload(big)).toEqual({ status: 413, body: { ok: false, error: { code: 'BAD_INPUT', message: '图片不能超过5MB' } } })
  const justUnder = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length)])
  expect((await upload(justUnder)).status).toBe(200)
})

test('GET /upload is not an upload', async () => {
  expect((await fetch(`${server.url}/upload?villageId=${X}`)).status).toBe(405)
})

test('a malformed percent-escape in a GET path is a 404, not a crash (and the server keeps serving)', async () => {
  for (const p of ['/%', '/files/%C0%AE%C0%AE%2fx', '/%E4%B8']) expect((await fetch(`${server.url}${p}`)).status).toBe(404)
  expect((await fetch(`${server.url}/upload?villageId=${X}`)).status).toBe(405)
})
