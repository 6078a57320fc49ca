/** PDF attachments' pure parts: the magic bytes, the documents folder, the demo PDF's structure, and CloudBase's look at a stored file. */
import { CloudBaseFiles } from '../../cloud/src/adapters/cloudbase/services'
import type { WxCloud } from '../../cloud/src/adapters/cloudbase/types'
import { documentPath, isVillageDocument, sniffPdf } from '../../cloud/src/common/documents'
import { tinyPdf } from '../../cloud/src/common/pdf'

test('a PDF is what begins with %PDF-, nothing else', () => {
  expect(sniffPdf(Buffer.from('%PDF-1.7\n'))).toBe(true)
  expect(sniffPdf(Buffer.from('%PDF'))).toBe(false)
  expect(sniffPdf(Buffer.from(' %PDF-1.7'))).toBe(false)
  expect(sniffPdf(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(false)
})

test('documents live in the village documents folder, as .pdf, locally and in the cloud', () => {
  const p = documentPath('v-xinshan', Date.UTC(2026, 10, 26, 2))
  expect(p).toMatch(/^villages\/v-xinshan\/documents\/20261126\/[a-z0-9]+\.pdf$/)
  expect(isVillageDocument('v-xinshan', `local://${p}`)).toBe(true)
  expect(isVillageDocument('v-xinshan', `cloud://prod-1.7072/${p}`)).toBe(true)
  expect(isVillageDocument('v-henan', `local://${p}`)).toBe(false)
  expect(isVillageDocument('v-xinshan', 'local://villages/v-xinshan/photos/20261126/a.pdf')).toBe(false)
  expect(isVillageDocument('v-xinshan', 'local://villages/v-xinshan/documents/20261126/a.exe')).toBe(false)
  expect(isVillageDocument('v-xinshan', 'local://villages/v-xinshan/documents/x/../../../secret.pdf')).toBe(false)
})

test('the generated PDF has a header, every cross-reference offset at its object, and its trailer', () => {
  const pdf = tinyPdf('新山村财务公开', ['收入合计 126,000.00 元'])
  const text = pdf.toString('latin1')
  expect(text.startsWith('%PDF-1.4\n')).toBe(true)
  expect(text.endsWith('%%EOF\n')).toBe(true)
  const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1])
  expect(text.slice(startxref, startxref + 4)).toBe('xref')
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
  expect(offsets).toHaveLength(7)
  offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`))
  // the stream's /Length is its byte length
  const [, length, stream] = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text)!
  expect(Buffer.byteLength(stream, 'latin1')).toBe(Number(length))
  // the title in the font's UCS-2 codes: 新 is U+65B0
  expect(stream).toContain('<65b0')
})

describe('CloudBaseFiles.inspect: a temporary URL, then the first 16 bytes by Range', () => {
  const cloud = (status = 0) =>
    ({ getTempFileURL: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((fileID) => ({ fileID, tempFileURL: status === 0 ? 'https://cos.example/f.pdf?sign=x' : '', status })) }) }) as unknown as WxCloud
  const FILE = 'cloud://env-1.bucket/villages/v-x/documents/20261126/a.pdf'

  test('the size comes from Content-Range, the head from the body', async () => {
    const asked: Array<[string, number]> = []
    const files = new CloudBaseFiles(cloud(), async (url, bytes) => {
      asked.push([url, bytes])
      return { status: 206, contentRange: 'bytes 0-15/2345678', body: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0', 'latin1') }
    })
    const found = await files.inspect(FILE)
    expect(found?.size).toBe(2345678)
    expect(sniffPdf(found!.head)).toBe(true)
    expect(asked).toEqual([['https://cos.example/f.pdf?sign=x', 16]])
  })

  test('a server that ignores Range: the body is the file; missing: null; anything else throws', async () => {
    expect(await new CloudBaseFiles(cloud(), async () => ({ status: 200, body: Buffer.from('%PDF-1.4 whole file') })).inspect(FILE)).toEqual({ size: 19, head: Buffer.from('%PDF-1.4 whole f') })
    expect(await new CloudBaseFiles(cloud(1), async () => ({ status: 206, body: Buffer.alloc(0) })).inspect(FILE)).toBeNull()
    expect(await new CloudBaseFiles(cloud(), async () => ({ status: 404, body: Buffer.alloc(0) })).inspect(FILE)).toBeNull()
    expect(await new CloudBaseFiles(cloud(), async () => ({ status: 206, body: Buffer.alloc(0) })).inspect('local://x.pdf')).toBeNull()
    await expect(new CloudBaseFiles(cloud(), async () => ({ status: 403, body: Buffer.alloc(0) })).inspect(FILE)).rejects.toThrow('403')
  })
})
