/**
 * Generates the tab bar icons (src/assets/tabbar/*.png) from a few vector shapes.
 *
 *   npx tsx scripts/make-tab-icons.ts
 *
 * No image libraries: shapes are rasterised with 4x4 supersampling into a coverage mask,
 * tinted with one colour, and written as RGBA PNG (chunks + CRC by hand, deflate by node:zlib).
 * WeChat wants PNG tab icons of at most 40 KB, 81x81 px recommended.
 * Every icon is drawn in the same line style: 6 px strokes, round caps and joins.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const SIZE = 81
const SS = 4 // supersampling factor per axis
const STROKE = 6
const COLORS = { normal: '#8a8a8a', active: '#b71c1c' } as const
const OUT_DIR = path.resolve(__dirname, '../src/assets/tabbar')

type Pt = readonly [number, number]
/** signed distance (negative inside) in pixel units of the 81 px canvas */
type Sdf = (x: number, y: number) => number

// ---------------------------------------------------------------- shapes (as signed distances)

function segDist(x: number, y: number, [ax, ay]: Pt, [bx, by]: Pt): number {
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2))
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy))
}

/** thick polyline with round caps and joins */
const polyline =
  (pts: readonly Pt[], width = STROKE, closed = false): Sdf =>
  (x, y) => {
    let d = Infinity
    const n = closed ? pts.length : pts.length - 1
    for (let i = 0; i < n; i++) d = Math.min(d, segDist(x, y, pts[i], pts[(i + 1) % pts.length]))
    return d - width / 2
  }

const line = (a: Pt, b: Pt, width = STROKE): Sdf => polyline([a, b], width)

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r

/** rounded rectangle given by its edges */
const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Sdf =>
  (x, y) => {
    const hx = (x1 - x0) / 2
    const hy = (y1 - y0) / 2
    const qx = Math.abs(x - (x0 + hx)) - hx + r
    const qy = Math.abs(y - (y0 + hy)) - hy + r
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }

/** filled polygon (even-odd), as a distance to its outline */
const polygon =
  (pts: readonly Pt[]): Sdf =>
  (x, y) => {
    let inside = false
    let d = Infinity
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i]
      const [xj, yj] = pts[j]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
      d = Math.min(d, segDist(x, y, pts[i], pts[j]))
    }
    return inside ? -d : d
  }

/** points along a circular arc; angles in degrees, 0 = +x, 90 = down (screen coordinates) */
function arcPts(cx: number, cy: number, r: number, from: number, to: number, steps = 48): Pt[] {
  const pts: Pt[] = []
  for (let i = 0; i <= steps; i++) {
    const a = ((from + ((to - from) * i) / steps) * Math.PI) / 180
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)])
  }
  return pts
}

/** outline of a filled shape as a stroke centred on its edge */
const outline =
  (s: Sdf, width = STROKE): Sdf =>
  (x, y) =>
    Math.abs(s(x, y)) - width / 2


/** grow (positive) or shrink a shape */
const offset =
  (s: Sdf, by: number): Sdf =>
  (x, y) =>
    s(x, y) - by

// ---------------------------------------------------------------- rasteriser

class Canvas {
  /** one byte per subsample: 1 = ink */
  readonly mask = new Uint8Array(SIZE * SS * SIZE * SS)

  private apply(s: Sdf, value: 0 | 1) {
    const n = SIZE * SS
    for (let j = 0; j < n; j++) {
      const y = (j + 0.5) / SS
      for (let i = 0; i < n; i++) {
        if (s((i + 0.5) / SS, y) <= 0) this.mask[j * n + i] = value
      }
    }
    return this
  }

  paint(...shapes: Sdf[]) {
    for (const s of shapes) this.apply(s, 1)
    return this
  }

  erase(...shapes: Sdf[]) {
    for (const s of shapes) this.apply(s, 0)
    return this
  }

  /** RGBA pixels: the colour everywhere, alpha = coverage */
  rgba(hex: string): Buffer {
    const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16))
    const out = Buffer.alloc(SIZE * SIZE * 4)
    const n = SIZE * SS
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        let cover = 0
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) cover += this.mask[(py * SS + sy) * n + px * SS + sx]
        }
        const o = (py * SIZE + px) * 4
        const a = Math.round((cover * 255) / (SS * SS))
        out[o] = a ? r : 0
        out[o + 1] = a ? g : 0
        out[o + 2] = a ? b : 0
        out[o + 3] = a
      }
    }
    return out
  }
}

// ---------------------------------------------------------------- PNG encoder

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: RGBA
  ihdr[10] = 0 // compression
  ihdr[11] = 0 // filter method
  ihdr[12] = 0 // no interlace
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0 // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// ---------------------------------------------------------------- icons

/** 首页: a house — roof chevron, walls, door */
function home(): Canvas {
  return new Canvas().paint(
    polyline([
      [11, 39],
      [40.5, 13],
      [70, 39],
    ]),
    polyline([
      [20, 33],
      [20, 68],
      [61, 68],
      [61, 33],
    ]),
    polyline([
      [34, 68],
      [34, 51],
      [47, 51],
      [47, 68],
    ]),
  )
}

/**
 * A speech-bubble tail: two strokes from the bubble's edge (a, b) to the tip, with the edge
 * between them (and the inside of the tail) wiped so the tail opens into the bubble.
 */
function tail(canvas: Canvas, a: Pt, tip: Pt, b: Pt) {
  // the legs extended past the edge by `k`, so the wiped area crosses the edge stroke
  const k = 0.6
  const ext = (p: Pt): Pt => [p[0] + (p[0] - tip[0]) * k, p[1] + (p[1] - tip[1]) * k]
  return canvas.erase(offset(polygon([ext(a), tip, ext(b)]), -STROKE / 2)).paint(polyline([a, tip, b]))
}

/** 议事: two overlapping speech bubbles, the front one cut out of the back one */
function topics(): Canvas {
  const back = roundRect(28, 11, 73, 44, 9)
  const front = roundRect(8, 29, 51, 63, 10)
  const canvas = new Canvas().paint(outline(back))
  tail(canvas, [58, 44], [67, 54], [66, 44])
  canvas
    .erase(offset(front, STROKE / 2 + 3.5)) // gap between the bubbles
    .erase(offset(polygon([[17, 63], [15, 74], [29, 63]]), STROKE / 2 + 3.5))
    .paint(outline(front))
  tail(canvas, [18, 63], [15, 74], [29, 63])
  return canvas.paint(circle(18.5, 46, 3.6), circle(29.5, 46, 3.6), circle(40.5, 46, 3.6))
}

/** 服务: a bowl with steam (the elder canteen / service) */
function services(): Canvas {
  const wave = (x: number): Pt[] => {
    const pts: Pt[] = []
    for (let i = 0; i <= 32; i++) {
      const t = i / 32
      pts.push([x + 3.2 * Math.sin(t * 2 * Math.PI), 31 - t * 21])
    }
    return pts
  }
  return new Canvas().paint(
    // rim and bowl: half circle closed by the rim line
    polyline(arcPts(40.5, 40, 27, 0, 180), STROKE, true),
    line([30, 71], [51, 71]), // foot
    polyline(wave(29)),
    polyline(wave(40.5)),
    polyline(wave(52)),
  )
}

/** 我的: a person bust — head and shoulders */
function me(): Canvas {
  return new Canvas().paint(
    outline(circle(40.5, 25, 12.5)),
    polyline([[13, 72], ...arcPts(40.5, 72, 27.5, 180, 360), [68, 72]]),
  )
}

const ICONS: Record<string, () => Canvas> = { home, topics, services, me }

fs.mkdirSync(OUT_DIR, { recursive: true })
for (const [name, draw] of Object.entries(ICONS)) {
  const canvas = draw()
  for (const [variant, color] of Object.entries(COLORS)) {
    const file = path.join(OUT_DIR, `${name}${variant === 'active' ? '-active' : ''}.png`)
    const png = encodePng(SIZE, SIZE, canvas.rgba(color))
    if (png.length > 40 * 1024) throw new Error(`${file} is ${png.length} bytes (WeChat limit 40 KB)`)
    fs.writeFileSync(file, png)
    console.log(`${path.relative(process.cwd(), file)}  ${png.length} B`)
  }
}
