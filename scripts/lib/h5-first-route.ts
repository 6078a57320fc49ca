/**
 * What a browser fetches before 首页 can render in the built h5 app (dist/h5): the entry <script>s of index.html
 * and the chunks that Taro's route table loads for pages/home/index, raw and gzipped (level 9, as a server would).
 * Measured by `npm run bench -- --only=h5` and held to issue 16's budget by test/e2e/h5-size.test.ts.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export interface Sizes {
  files: string[]
  raw: number
  gzip: number
}

export interface FirstRoute {
  entry: Sizes
  home: Sizes
  total: { raw: number; gzip: number }
}

function sizesOf(h5: string, files: string[]): Sizes {
  let raw = 0
  let gzip = 0
  for (const f of files) {
    const buf = fs.readFileSync(path.join(h5, f.replace(/^\//, '')))
    raw += buf.length
    gzip += zlib.gzipSync(buf, { level: 9 }).length
  }
  return { files, raw, gzip }
}

/** The first route's JavaScript; throws when the build's route table or chunk map cannot be read (a Taro upgrade changed them). */
export function firstRouteOf(h5: string): FirstRoute {
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
  const srcs = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])
  const entry = sizesOf(h5, srcs)
  // Taro's h5 routes: { path: "pages/home/index", load() { return [Promise.all([s.e(150), …]) …] } };
  // __webpack_require__.u maps chunk ids to chunk/<id>.<hash>.js
  const app = srcs.map((s) => fs.readFileSync(path.join(h5, s.replace(/^\//, '')), 'utf8')).join('\n')
  const route = app.match(/"path":"pages\/home\/index","load":function[^{]*\{return\s*\[?Promise\.all\(\[([^\]]*)\]/)
  const hashes = app.match(/\.u=function\(\w+\)\{return"chunk\/"\+\w+\+"\."\+(\{[^}]*\})/)
  if (!route || !hashes) throw new Error('route table or chunk map not found in the entry bundle')
  const map = JSON.parse(hashes[1]) as Record<string, string>
  const ids = [...route[1].matchAll(/\.e\((\d+)\)/g)].map((m) => m[1])
  const home = sizesOf(
    h5,
    ids.map((id) => `chunk/${id}.${map[id]}.js`).filter((f) => fs.existsSync(path.join(h5, f))),
  )
  return { entry, home, total: { raw: entry.raw + home.raw, gzip: entry.gzip + home.gzip } }
}

/** issue 16: the first route within 150 KB gzip */
export const H5_FIRST_ROUTE_GZIP = 150 * 1024
