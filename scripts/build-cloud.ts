/**
 * `npm run build:cloud`: bundles each cloud function entry (cloud/functions/<name>/index.ts) into
 * dist/cloudfunctions/<name>/index.js, ready to upload: CommonJS for Node 16 (CloudBase's default
 * runtime), everything bundled (zod, dayjs…) except wx-server-sdk, which the function installs
 * from its package.json. Each function gets its config.json (timeout, open-API permissions, triggers).
 */
import { build, type Metafile } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
const FUNCTIONS_DIR = path.join(ROOT, 'cloud/functions')

/**
 * CloudBase timer cron: 7 fields (second minute hour day month weekday year). Every minute: the committee's and every
 * resident's notices go with the job (an action delivers only those to named people), so this is how late they may be.
 */
export const CRON_TRIGGER = { name: 'tick', type: 'timer', config: '0 * * * * * *' }

/**
 * Each function's config.json. Open-API calls fail with -604101 unless the function lists them in
 * permissions.openapi (the content check would then refuse every text, so nobody could post); the
 * timeout (seconds) replaces CloudBase's 3 s default, which a CSV export or a cold start can pass.
 */
export const FUNCTION_CONFIGS: Record<string, Record<string, unknown>> = {
  api: {
    timeout: 20,
    permissions: { openapi: ['security.msgSecCheck', 'security.imgSecCheck', 'subscribeMessage.send', 'wxacode.getUnlimited'] },
  },
  cron: {
    timeout: 60,
    permissions: { openapi: ['subscribeMessage.send'] },
    triggers: [CRON_TRIGGER],
  },
}

/** What must never reach a cloud bundle: the native SQLite driver and the local runtime. */
const FORBIDDEN = [/node_modules[\\/]better-sqlite3[\\/]/, /node_modules[\\/]bindings[\\/]/, /cloud[\\/]src[\\/]adapters[\\/]local[\\/]/, /cloud[\\/]src[\\/]server[\\/]/]

export interface BuiltFunction {
  name: string
  dir: string
  file: string
  bytes: number
}

export interface BuildCloudOptions {
  /** defaults to <repo>/dist/cloudfunctions */
  outDir?: string
  /** only these functions (default: every folder in cloud/functions with an index.ts) */
  only?: string[]
  /** no size report on stdout */
  quiet?: boolean
}

function installedVersion(pkg: string): string {
  const file = require.resolve(`${pkg}/package.json`, { paths: [ROOT] })
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
}

/** Globals and methods that Node 16 lacks (esbuild lowers syntax for node16, not library calls). */
const NEWER_THAN_NODE16 = /\bstructuredClone\b|\.findLast(Index)?\(|\.to(Sorted|Reversed|Spliced)\(|Array\.fromAsync\b|\.groupBy\(/g

function assertCloudSafe(name: string, meta: Metafile, code: string): string[] {
  const bad = Object.keys(meta.inputs).filter((input) => FORBIDDEN.some((re) => re.test(input)))
  if (bad.length) throw new Error(`cloud function ${name} would bundle local-only code:\n  ${bad.join('\n  ')}`)
  if (/better-sqlite3/.test(code)) throw new Error(`cloud function ${name}: "better-sqlite3" appears in the bundle`)
  return [...new Set(code.match(NEWER_THAN_NODE16) ?? [])]
}

export async function buildCloud(options: BuildCloudOptions = {}): Promise<BuiltFunction[]> {
  const outRoot = options.outDir ?? path.join(ROOT, 'dist/cloudfunctions')
  const names = fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .filter((n) => !options.only || options.only.includes(n))
    .sort()
  const sdkVersion = installedVersion('wx-server-sdk')
  const built: BuiltFunction[] = []

  for (const name of names) {
    const dir = path.join(outRoot, name)
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [path.join(FUNCTIONS_DIR, name, 'index.ts')],
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      legalComments: 'none',
      metafile: true,
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    })
    const output = result.outputFiles[0]
    const newer = assertCloudSafe(name, result.metafile, output.text)
    if (newer.length) console.warn(`warning: cloud function ${name} calls ${newer.join(', ')}, which Node 16 (CloudBase's default runtime) does not have`)
    const file = path.join(dir, 'index.js')
    fs.writeFileSync(file, output.contents)
    const pkg = {
      name,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies: { 'wx-server-sdk': sdkVersion },
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
    const config = FUNCTION_CONFIGS[name]
    if (!config) throw new Error(`cloud function ${name} has no entry in FUNCTION_CONFIGS (scripts/build-cloud.ts)`)
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n')
    built.push({ name, dir, file, bytes: output.contents.byteLength })
  }

  if (!options.quiet) {
    for (const b of built) console.log(`cloudfunctions/${b.name}/index.js  ${(b.bytes / 1024).toFixed(1)} KiB`)
  }
  return built
}

if (require.main === module) {
  buildCloud().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
