/**
 * WeChat's own compiler (miniprogram-ci) run offline against the Taro build in dist/weapp.
 * Used by test/weapp, scripts/weapp-check.ts, scripts/bench.ts and scripts/deploy.ts.
 *
 * Offline: ci.Project wants a private key and asks WeChat's server for the project's attributes.
 * Without a real key (WX_PRIVATE_KEY_PATH) an RSA key is generated into os.tmpdir(), and `attr`
 * is answered locally, so compile, quality check and analysis never need the network.
 * Only upload/preview/cloud functions need a real key and WeChat's servers (see deploy.ts).
 *
 * miniprogram-ci leaves a file watcher running: scripts that use it must end with process.exit().
 */
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as ci from 'miniprogram-ci'

export const ROOT = path.resolve(__dirname, '..', '..')
export const DIST_WEAPP = path.join(ROOT, 'dist', 'weapp')
export const PROJECT_CONFIG = path.join(ROOT, 'project.config.json')

/** What the weapp build depends on: if any of these is newer than dist/weapp/app.json, rebuild. */
const BUILD_INPUTS = ['src', 'config', 'cloud/src/contract', 'babel.config.js', 'project.config.json', 'package.json']

/** Budget for the main package (WeChat's hard limit is 2 MB); keeps the first open fast (issue 16). */
export const MAIN_PACKAGE_BUDGET = 400 * 1024
/** each subpackage (WeChat's limit 2 MB), and the whole (WeChat's 20 MB): issue 16's budgets */
export const SUBPACKAGE_BUDGET = 200 * 1024
export const TOTAL_BUDGET = 1536 * 1024

/** whether analysed sizes keep every budget */
export const withinBudgets = (a: Pick<AnalyseResult, 'mainPackage' | 'subPackages' | 'total'>): boolean =>
  a.mainPackage <= MAIN_PACKAGE_BUDGET && a.subPackages.every((s) => s.bytes <= SUBPACKAGE_BUDGET) && a.total <= TOTAL_BUDGET

export type CiProject = InstanceType<typeof ci.Project>

export interface ProjectConfig {
  appid: string
  miniprogramRoot: string
  cloudfunctionRoot?: string
  setting?: Record<string, unknown>
  [key: string]: unknown
}

export function readProjectConfig(): ProjectConfig {
  return JSON.parse(fs.readFileSync(PROJECT_CONFIG, 'utf8'))
}

/** An RSA key that only satisfies ci.Project's constructor; it can sign nothing WeChat accepts. */
export function offlinePrivateKeyPath(): string {
  const file = path.join(os.tmpdir(), 'village-hall-ci', 'private.offline.key')
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, privateKey, { mode: 0o600 })
  }
  return file
}

export interface CreateProjectOptions {
  /** default: WX_APPID, else project.config.json's appid */
  appid?: string
  /** default: WX_PRIVATE_KEY_PATH, else a key generated offline */
  privateKeyPath?: string
  /** answer the project attributes locally instead of asking WeChat (default true) */
  offline?: boolean
}

/**
 * The project is the repo root (project.config.json there has miniprogramRoot dist/weapp/):
 * the same folder WeChat DevTools opens, so both read the same settings and packOptions.
 */
export function createProject(options: CreateProjectOptions = {}): CiProject {
  const offline = options.offline ?? true
  const config = readProjectConfig()
  const envKey = process.env.WX_PRIVATE_KEY_PATH
  const privateKeyPath =
    options.privateKeyPath ?? (envKey && fs.existsSync(envKey) ? envKey : offline ? offlinePrivateKeyPath() : undefined)
  if (!privateKeyPath) throw new Error('no private key: set WX_PRIVATE_KEY_PATH to the code upload key from mp.weixin.qq.com')
  const project = new ci.Project({
    appid: options.appid ?? process.env.WX_APPID ?? config.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKeyPath,
    ignores: ['node_modules/**/*'],
  })
  if (offline) {
    // CIProject.attr() uses the inner project's attr when it is a function; this instance
    // property shadows the prototype method so no request is made.
    Object.assign(project, {
      attr: async () => ({ platform: true, appType: 0, isSandbox: false, released: false, setting: {} }),
    })
  }
  return project
}

export interface CompileResult {
  /** files in the compiled package, as WeChat would upload them */
  files: number
  /** total bytes of the compiled package's files */
  bytes: number
  ms: number
  paths: string[]
}

/** WeChat's compiler over dist/weapp with project.config.json's settings (getCompiledResult). */
export async function compile(project: CiProject, savePath?: string): Promise<CompileResult> {
  const started = Date.now()
  const result = await ci.getCompiledResult(
    { project, version: '0.0.0', desc: 'local compile', setting: { useProjectConfig: true } },
    savePath,
  )
  const paths = Object.keys(result).sort()
  const bytes = paths.reduce((sum, p) => sum + Buffer.byteLength(result[p] as string | Buffer), 0)
  return { files: paths.length, bytes, ms: Date.now() - started, paths }
}

export interface QualityItem {
  name: string
  success: boolean
  text: string
  docURL?: string
  detail?: unknown
}

/** The DevTools "代码质量" scan: every item should have success true. */
export async function checkQuality(project: CiProject): Promise<QualityItem[]> {
  return (await ci.checkCodeQuality(project)) as QualityItem[]
}

export interface PackageSize {
  /** '' for the main package, else the subpackage root without trailing slash, e.g. 'features/account' */
  root: string
  bytes: number
  files: number
}

export interface AnalyseResult {
  mainPackage: number
  subPackages: PackageSize[]
  total: number
  /** files outside the dependency graph: unused code is not uploaded (setting.ignoreUploadUnusedFiles), images are */
  unused: { path: string; bytes: number }[]
  /** the biggest files of the main package, largest first */
  largestMain: { path: string; bytes: number }[]
}

interface AnalysedFile {
  path: string
  size: number
  moduleId: string | null
  subPackage: string | null
}

/** The DevTools "代码依赖分析" (analyseCode): sizes in bytes of the files in the dependency graph. */
export async function analyse(project: CiProject): Promise<AnalyseResult> {
  const result = await ci.analyseCode(project, { silent: true })
  if (!result) throw new Error('analyseCode returned nothing')
  const files = (result as unknown as { files: AnalysedFile[] }).files
  // Every listed file counts, including those outside the dependency graph (moduleId null): the
  // graph leaves out images such as tabBar icons, which are still uploaded.
  const main = files.filter((f) => !f.subPackage)
  const subs = new Map<string, PackageSize>()
  for (const f of files) {
    if (!f.subPackage) continue
    const root = f.subPackage.replace(/\/$/, '')
    const entry = subs.get(root) ?? { root, bytes: 0, files: 0 }
    entry.bytes += f.size
    entry.files += 1
    subs.set(root, entry)
  }
  const sum = (list: AnalysedFile[]) => list.reduce((s, f) => s + f.size, 0)
  return {
    mainPackage: sum(main),
    subPackages: [...subs.values()].sort((a, b) => a.root.localeCompare(b.root)),
    total: sum(files),
    unused: files.filter((f) => !f.moduleId).map((f) => ({ path: f.path, bytes: f.size })),
    largestMain: [...main]
      .sort((a, b) => b.size - a.size)
      .slice(0, 8)
      .map((f) => ({ path: f.path, bytes: f.size })),
  }
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

/** Why dist/weapp must be rebuilt, or null when it is newer than every build input. */
export function weappStaleReason(): string | null {
  const appJson = path.join(DIST_WEAPP, 'app.json')
  if (!fs.existsSync(appJson)) return 'dist/weapp/app.json is missing'
  const built = fs.statSync(appJson).mtimeMs
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(ROOT, input)) > built) return `${input} changed since the last build`
  }
  return null
}

export interface BuildResult {
  built: boolean
  reason: string | null
  ms: number
}

/**
 * Runs `npx taro build --type weapp` when dist/weapp is missing or older than its inputs (or when
 * forced). Taro's output goes to stderr so a caller's stdout stays clean. Throws if the build fails.
 */
export function buildWeappIfNeeded(options: { force?: boolean } = {}): BuildResult {
  const reason = options.force ? 'forced' : weappStaleReason()
  if (!reason) return { built: false, reason: null, ms: 0 }
  const started = Date.now()
  const run = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp' },
  })
  const appJson = path.join(DIST_WEAPP, 'app.json')
  const fresh = fs.existsSync(appJson) && fs.statSync(appJson).mtimeMs >= started - 1000
  if (run.status !== 0 || !fresh) {
    throw new Error(`taro build --type weapp failed (exit ${run.status}${fresh ? '' : ', no fresh dist/weapp/app.json'})`)
  }
  return { built: true, reason, ms: Date.now() - started }
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`
}
