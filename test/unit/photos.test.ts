import { cleanStrings, visibleText } from '../../cloud/src/common/text'
import { checkPhotos, isVillagePhoto, photoPath, sniffImage } from '../../cloud/src/common/photos'

describe('photos', () => {
  test('the image type comes from the first bytes, not from a name or a header', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg')
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png')
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp')
    expect(sniffImage(Buffer.from('hello, this is text'))).toBeNull()
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull()
    expect(sniffImage(Buffer.alloc(0))).toBeNull()
  })

  test("a village's photos live in its own folder, by the day in Beijing time", () => {
    const at = Date.UTC(2026, 10, 26, 17, 0, 0) // 27 November, 01:00 in Shanghai
    const p = photoPath('v-xinshan', at, 'png')
    expect(p).toMatch(/^villages\/v-xinshan\/photos\/20261127\/[a-z0-9]+\.png$/)
    expect(isVillagePhoto('v-xinshan', `local://${p}`)).toBe(true)
    expect(photoPath('v-xinshan', at, 'png')).not.toBe(p)
  })

  test('only fileIds under the village folder pass; v-xinshan is not v-xinshan2', () => {
    expect(isVillagePhoto('v-xinshan', 'cloud://prod-1.7072/villages/v-xinshan/photos/20261126/a.jpg')).toBe(true)
    expect(isVillagePhoto('v-xinshan', 'local://villages/v-xinshan2/photos/20261126/a.jpg')).toBe(false)
    expect(isVillagePhoto('v-xinshan2', 'local://villages/v-xinshan/photos/20261126/a.jpg')).toBe(false)
    expect(isVillagePhoto('v-xinshan', 'local://villages/v-xinshan/photos/')).toBe(false)
    expect(isVillagePhoto('v-xinshan', 'local://villages/v-xinshan/photos/x/../../../secret')).toBe(false)
    expect(isVillagePhoto('v-xinshan', 'cloud://prod-1.7072/a/villages/v-xinshan/photos/a.jpg')).toBe(false)
    expect(() => checkPhotos('v-xinshan', [])).not.toThrow()
    expect(() => checkPhotos('v-xinshan', ['local://villages/v-wukan/photos/1/a.jpg'])).toThrow('照片无效')
  })
})

describe('text nobody can see', () => {
  test('control and invisible characters, bidi overrides and lone surrogates go; NFC; what people read stays', () => {
    expect(visibleText('\u200b\u200b\u200b\u200b')).toBe('')
    expect(visibleText('村\u202e道\u0007硬\u00ad底化\ufeff')).toBe('村道硬底化')
    expect(visibleText('a\ud800b\udc00c')).toBe('abc')
    expect(visibleText('e\u0301')).toBe('é')
    expect(visibleText('第一行\n第二行\t好 👍🏽 😀')).toBe('第一行\n第二行\t好 👍🏽 😀')
    expect(cleanStrings({ a: ['x\u200by'], b: 1, c: null, d: { e: '\u202ez' } })).toEqual({ a: ['xy'], b: 1, c: null, d: { e: 'z' } })
  })
})
