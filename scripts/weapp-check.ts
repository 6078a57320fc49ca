/**
 * Builds the weapp if needed and runs WeChat's compiler over it, offline:
 * compile (getCompiledResult), code quality scan (checkCodeQuality), dependency analysis (analyseCode).
 *
 *   npx tsx scripts/weapp-check.ts            table on stdout, exit 1 if anything fails
 *   npx tsx scripts/weapp-check.ts --json     logs on stderr; the last stdout line is one JSON object
 *   --build      always rebuild dist/weapp first      --no-build   use dist/weapp as it is
 *   --zip <file> also save the compiled package as a zip
 * Only import types from this file: importing it runs the check.
 */
import fs from 'node:fs'
import path from 'node:path'
import {
  type AnalyseResult,
  type BuildResult,
  type CompileResult,
  type QualityItem,
  DIST_WEAPP,
  MAIN_PACKAGE_BUDGET,
  SUBPACKAGE_BUDGET,
  TOTAL_BUDGET,
  analyse,
  buildWeappIfNeeded,
  checkQuality,
  compile,
  createProject,
  formatBytes,
  withinBudgets,
} from './lib/weapp-ci'

export interface WeappCheckReport {
  ok: boolean
  build: BuildResult | { error: string }
  compile: (CompileResult & { ok: true }) | { ok: false; error: string }
  quality: { ok: boolean; failed: string[]; items: Pick<QualityItem, 'name' | 'success' | 'text'>[] } | { ok: false; error: string; failed: string[]; items: [] }
  analyse: (AnalyseResult & { ok: boolean; budget: number }) | { ok: false; error: string }
  appJson: unknown
  ms: number
}

const args = process.argv.slice(2)
const json = args.includes('--json')
const zipIndex = args.indexOf('--zip')
const zipPath = zipIndex >= 0 ? path.resolve(args[zipIndex + 1] ?? 'weapp-compiled.zip') : undefined

const realStdoutWrite = process.stdout.write.bind(process.stdout)
if (json) {
  // keep stdout for the JSON line: everything else (ours and miniprogram-ci's logs) goes to stderr
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

async function main(): Promise<WeappCheckReport> {
  const started = Date.now()
  let build: WeappCheckReport['build']
  try {
    build = args.includes('--no-build') ? { built: false, reason: null, ms: 0 } : buildWeappIfNeeded({ force: args.includes('--build') })
  } catch (e) {
    const error = message(e)
    return {
      ok: false,
      build: { error },
      compile: { ok: false, error: 'not run: build failed' },
      quality: { ok: false, error: 'not run: build failed', failed: [], items: [] },
      analyse: { ok: false, error: 'not run: build failed' },
      appJson: null,
      ms: Date.now() - started,
    }
  }

  const project = createProject()
  let compileReport: WeappCheckReport['compile']
  try {
    compileReport = { ok: true, ...(await compile(project, zipPath)) }
  } catch (e) {
    compileReport = { ok: false, error: message(e) }
  }

  let quality: WeappCheckReport['quality']
  try {
    const items = await checkQuality(project)
    const failed = items.filter((i) => !i.success).map((i) => i.name)
    quality = {
      ok: items.length > 0 && failed.length === 0,
      failed,
      items: items.map(({ name, success, text }) => ({ name, success, text })),
    }
  } catch (e) {
    quality = { ok: false, error: message(e), failed: [], items: [] }
  }

  let analysed: WeappCheckReport['analyse']
  try {
    const result = await analyse(project)
    analysed = { ok: withinBudgets(result), budget: MAIN_PACKAGE_BUDGET, ...result }
  } catch (e) {
    analysed = { ok: false, error: message(e) }
  }

  const appJsonPath = path.join(DIST_WEAPP, 'app.json')
  const appJson = fs.existsSync(appJsonPath) ? JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) : null
  return {
    ok: compileReport.ok && quality.ok && analysed.ok,
    build,
    compile: compileReport,
    quality,
    analyse: analysed,
    appJson,
    ms: Date.now() - started,
  }
}

function printTable(report: WeappCheckReport) {
  const rows: [string, string, string][] = []
  const b = report.build
  rows.push(['build', 'error' in b ? 'FAIL' : 'ok', 'error' in b ? b.error : b.built ? `taro build (${b.reason}) ${(b.ms / 1000).toFixed(1)}s` : 'dist/weapp up to date'])
  const c = report.compile
  rows.push(['compile', c.ok ? 'ok' : 'FAIL', c.ok ? `${c.files} files, ${formatBytes(c.bytes)}, ${(c.ms / 1000).toFixed(1)}s${zipPath ? ` -> ${zipPath}` : ''}` : c.error])
  const q = report.quality
  if ('error' in q) rows.push(['quality', 'FAIL', q.error])
  for (const item of q.items) rows.push([`  ${item.name}`, item.success ? 'ok' : 'FAIL', item.success ? '' : item.text])
  const a = report.analyse
  if ('error' in a) rows.push(['analyse', 'FAIL', a.error])
  else {
    rows.push(['main package', a.mainPackage <= a.budget ? 'ok' : 'FAIL', `${formatBytes(a.mainPackage)} (${a.mainPackage} B, budget ${formatBytes(a.budget)})`])
    for (const sub of a.subPackages) rows.push([`subpackage ${sub.root}`, sub.bytes <= SUBPACKAGE_BUDGET ? '' : 'FAIL', `${formatBytes(sub.bytes)} (${sub.bytes} B, ${sub.files} files, budget ${formatBytes(SUBPACKAGE_BUDGET)})`])
    rows.push(['total', a.total <= TOTAL_BUDGET ? '' : 'FAIL', `${formatBytes(a.total)} (${a.total} B, budget ${formatBytes(TOTAL_BUDGET)})`])
    if (a.unused.length) rows.push(['unused files', '', a.unused.map((u) => u.path).join(', ')])
    rows.push(['largest in main', '', a.largestMain.slice(0, 5).map((f) => `${f.path} ${formatBytes(f.bytes)}`).join(', ')])
  }
  const width = Math.max(...rows.map((r) => r[0].length))
  console.log('')
  for (const [name, status, detail] of rows) console.log(`${name.padEnd(width)}  ${status.padEnd(4)}  ${detail}`)
  console.log(`\n${report.ok ? 'weapp check passed' : 'weapp check FAILED'} in ${(report.ms / 1000).toFixed(1)}s`)
}

main()
  .then((report) => {
    if (json) realStdoutWrite(`\n${JSON.stringify(report)}\n`)
    else printTable(report)
    // miniprogram-ci keeps a file watcher alive: always exit explicitly
    process.exit(report.ok ? 0 : 1)
  })
  .catch((e) => {
    console.error(e)
    if (json) realStdoutWrite(`\n${JSON.stringify({ ok: false, error: message(e) })}\n`)
    process.exit(1)
  })
