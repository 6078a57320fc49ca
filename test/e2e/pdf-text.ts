/**
 * The text of a PDF that Chromium printed, read back without a PDF library: the objects' streams are
 * inflated, each font's ToUnicode CMap maps its codes to characters, and the page content's text
 * operators (Tf, Tj, TJ) are decoded with the font in use. Enough for Skia's output (Type3 and Type0
 * fonts, FlateDecode, no object streams); not a general PDF reader.
 */
import { inflateSync } from 'node:zlib'

interface PdfObject {
  dict: string
  stream: Buffer | null
}

function objects(pdf: Buffer): Map<string, PdfObject> {
  const src = pdf.toString('latin1')
  const out = new Map<string, PdfObject>()
  for (const m of src.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) {
    const body = m[2]
    const s = /stream\r?\n/.exec(body)
    if (!s) {
      out.set(m[1], { dict: body, stream: null })
      continue
    }
    const dict = body.slice(0, s.index)
    const raw = Buffer.from(body.slice(s.index + s[0].length, body.lastIndexOf('endstream')), 'latin1')
    let stream: Buffer = raw
    if (dict.includes('/FlateDecode')) {
      try {
        stream = inflateSync(raw)
      } catch {
        stream = raw
      }
    }
    out.set(m[1], { dict, stream })
  }
  return out
}

const hexToString = (hex: string) => {
  let s = ''
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16))
  return s
}

interface CMap {
  bytes: number
  map: Map<number, string>
}

function parseCMap(text: string): CMap {
  const map = new Map<number, string>()
  const range = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(text)
  const bytes = range ? range[1].length / 2 : 1
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), hexToString(m[2]))
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const [lo, hi] = [parseInt(m[1], 16), parseInt(m[2], 16)]
      if (m[3].startsWith('[')) {
        const items = [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexToString(x[1]))
        items.forEach((u, i) => map.set(lo + i, u))
      } else {
        const base = hexToString(m[3].slice(1, -1))
        for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)))
      }
    }
  }
  return { bytes, map }
}

/** the page count, and the text of every page run together (a line's text objects split where the font changes) */
export async function pdfText(pdf: Buffer): Promise<{ pages: number; content: string }> {
  const objs = objects(pdf)
  // font resource name -> its CMap, from every page's /Font dictionary
  const fonts = new Map<string, CMap>()
  for (const o of objs.values()) {
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(o.dict)
    if (!fontDict) continue
    for (const m of fontDict[1].matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
      const font = objs.get(m[2])
      const ref = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict)
      const cmap = ref && objs.get(ref[1])?.stream
      if (cmap) fonts.set(m[1], parseCMap(cmap.toString('latin1')))
    }
  }
  let content = ''
  const pages = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page\b(?!s)/g)].length
  for (const o of objs.values()) {
    const text = o.stream?.toString('latin1')
    if (!text || !/\bT[jJ]\b/.test(text) || !text.includes('Tf')) continue
    let font: CMap | undefined
    for (const m of text.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>/g)) {
      if (m[1]) font = fonts.get(m[1])
      else if (m[2] !== undefined && font) {
        for (let i = 0; i + font.bytes * 2 <= m[2].length; i += font.bytes * 2) content += font.map.get(parseInt(m[2].slice(i, i + font.bytes * 2), 16)) ?? ''
      }
    }
  }
  return { pages, content }
}
