/**
 * `npm run deploy`: build and publish the mini-program and its cloud functions with miniprogram-ci.
 *
 * Environment (all three required unless --dry-run):
 *   WX_APPID             the mini-program's appid (mp.weixin.qq.com → 开发管理 → 开发设置)
 *   WX_PRIVATE_KEY_PATH  path to the code upload key (代码上传密钥) downloaded from the same page;
 *                        the machine's IP must be in that page's IP whitelist
 *   TCB_ENV_ID           the CloudBase (云开发) environment id the cloud functions go to
 *
 * Steps:
 *   1. taro build --type weapp                  → dist/weapp (appid from WX_APPID)
 *   2. npm run build:cloud                      → dist/cloudfunctions/{api,cron}
 *   3. WeChat's compiler, offline: getCompiledResult + checkCodeQuality + analyseCode (a gate:
 *      a failed compile or a main package over budget stops the deploy)
 *   4. ci.upload: the mini-program as a development version (version from package.json,
 *      description from the last commit); a manager then submits it for review on mp.weixin.qq.com
 *   5. ci.cloud.uploadFunction for each function, remoteNpmInstall (CloudBase installs wx-server-sdk)
 *   6. ci.cloud.createTimeTrigger for each timer trigger in a function's config.json. Uploading a
 *      function does not apply its config.json triggers (in DevTools that is a separate
 *      "上传触发器" action); createTimeTrigger is that action (SCF BatchCreateTrigger), so
 *      re-running it sets the same trigger again.
 *
 *   npm run deploy -- --dry-run   print the plan with sizes and run steps 1-3; uploads nothing and
 *                                 needs none of the variables (missing ones show as placeholders)
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import * as ci from 'miniprogram-ci'
import {
  DIST_WEAPP,
  MAIN_PACKAGE_BUDGET,
  ROOT,
  analyse,
  buildWeappIfNeeded,
  checkQuality,
  compile,
  createProject,
  formatBytes,
  readProjectConfig,
} from './lib/weapp-ci'

const DIST_FUNCTIONS = path.join(ROOT, 'dist', 'cloudfunctions')
const ENV_VARS = {
  WX_APPID: 'the mini-program appid (mp.weixin.qq.com → 开发管理 → 开发设置)',
  WX_PRIVATE_KEY_PATH: 'path to the code upload key (代码上传密钥) from the same page',
  TCB_ENV_ID: 'the CloudBase environment id (云开发控制台 → 环境 ID)',
} as const
type EnvName = keyof typeof ENV_VARS

const dryRun = process.argv.includes('--dry-run')
const env = (name: EnvName) => process.env[name]?.trim() || undefined
const shown = (name: EnvName) => env(name) ?? `<${name}>`

function step(n: number, title: string) {
  console.log(`\n[${n}] ${title}`)
}
function detail(label: string, value: string) {
  console.log(`    ${label.padEnd(14)} ${value}`)
}

function dirBytes(dir: string, skip = new Set(['node_modules'])): { bytes: number; files: number } {
  let bytes = 0
  let files = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      const sub = dirBytes(full, skip)
      bytes += sub.bytes
      files += sub.files
    } else {
      bytes += fs.statSync(full).size
      files += 1
    }
  }
  return { bytes, files }
}

interface Trigger {
  name: string
  type: string
  config: string
}
interface CloudFunction {
  name: string
  dir: string
  bytes: number
  files: number
  triggers: Trigger[]
  /** seconds (config.json; CloudBase's default is 3) */
  timeout: number
  /** permissions.openapi from config.json */
  openapi: string
}

function listFunctions(): CloudFunction[] {
  if (!fs.existsSync(DIST_FUNCTIONS)) return []
  return fs
    .readdirSync(DIST_FUNCTIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(DIST_FUNCTIONS, d.name, 'index.js')))
    .map((d) => {
      const dir = path.join(DIST_FUNCTIONS, d.name)
      const configFile = path.join(dir, 'config.json')
      const config = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {}
      const triggers = ((config.triggers ?? []) as Trigger[]).filter((t) => t.type === 'timer')
      const openapi = ((config.permissions?.openapi ?? []) as string[]).join(', ') || 'none'
      return { name: d.name, dir, ...dirBytes(dir), triggers, timeout: (config.timeout as number | undefined) ?? 3, openapi }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

function gitDescription(): string {
  const run = spawnSync('git', ['log', '-1', '--format=%h %s'], { cwd: ROOT, encoding: 'utf8' })
  const line = run.status === 0 ? run.stdout.trim() : ''
  return (line || 'deploy').slice(0, 100)
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...extraEnv } })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`)
}

async function main(): Promise<number> {
  const missing = (Object.keys(ENV_VARS) as EnvName[]).filter((name) => !env(name))
  if (!dryRun) {
    const keyPath = env('WX_PRIVATE_KEY_PATH')
    if (missing.length || (keyPath && !fs.existsSync(keyPath))) {
      console.error('deploy needs these environment variables:')
      for (const name of Object.keys(ENV_VARS) as EnvName[]) {
        const state = !env(name) ? 'missing' : name === 'WX_PRIVATE_KEY_PATH' && !fs.existsSync(keyPath!) ? 'file not found' : 'ok'
        console.error(`  ${name.padEnd(20)} ${state.padEnd(15)} ${ENV_VARS[name]}`)
      }
      console.error('\nor run `npm run deploy -- --dry-run` to see the plan and check the build without uploading.')
      return 1
    }
  }

  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const version = pkg.version
  const desc = gitDescription()
  const config = readProjectConfig()
  let failed = false

  console.log(dryRun ? 'DEPLOY PLAN (dry run: nothing is uploaded)' : 'DEPLOY')
  detail('appid', shown('WX_APPID'))
  detail('upload key', shown('WX_PRIVATE_KEY_PATH'))
  detail('cloud env', shown('TCB_ENV_ID'))
  detail('version', version)
  detail('description', desc)
  if (dryRun && missing.length) detail('missing', `${missing.join(', ')} (needed for a real deploy)`)

  // 1. mini-program build
  step(1, 'build the mini-program: taro build --type weapp')
  const appidForBuild = env('WX_APPID') ? { TARO_APP_ID: env('WX_APPID')! } : {}
  if (dryRun) {
    const built = buildWeappIfNeeded()
    detail('build', built.built ? `built (${built.reason}) in ${(built.ms / 1000).toFixed(1)}s` : 'dist/weapp up to date')
  } else {
    // a real deploy always builds fresh, with the real appid in dist/weapp/project.config.json
    Object.assign(process.env, appidForBuild)
    const built = buildWeappIfNeeded({ force: true })
    detail('build', `built in ${(built.ms / 1000).toFixed(1)}s`)
  }
  const weapp = dirBytes(DIST_WEAPP)
  detail('output', `${path.relative(ROOT, DIST_WEAPP)}/ ${weapp.files} files, ${formatBytes(weapp.bytes)}`)
  detail('project', `${path.relative(ROOT, path.join(ROOT, 'project.config.json'))} (miniprogramRoot ${config.miniprogramRoot})`)

  // 2. cloud functions build
  step(2, 'build the cloud functions: npm run build:cloud')
  try {
    run('npm', ['run', '--silent', 'build:cloud'])
  } catch (e) {
    failed = true
    console.error(`    FAILED: ${(e as Error).message}`)
  }
  const functions = listFunctions()
  if (!functions.length) {
    failed = true
    console.error(`    no built functions in ${path.relative(ROOT, DIST_FUNCTIONS)}/`)
  }
  for (const fn of functions) {
    detail(fn.name, `${path.relative(ROOT, fn.dir)}/ ${fn.files} files, ${formatBytes(fn.bytes)}, timeout ${fn.timeout} s, openapi: ${fn.openapi}${fn.triggers.length ? `, triggers: ${fn.triggers.map((t) => `${t.name} "${t.config}"`).join(', ')}` : ''}`)
  }

  // 3. WeChat's compiler as a gate
  step(3, "WeChat's compiler (offline): getCompiledResult, checkCodeQuality, analyseCode")
  const offline = createProject({ appid: env('WX_APPID') })
  try {
    const compiled = await compile(offline)
    detail('compile', `ok: ${compiled.files} files, ${formatBytes(compiled.bytes)}`)
  } catch (e) {
    failed = true
    detail('compile', `FAILED: ${(e as Error).message}`)
  }
  const quality = await checkQuality(offline)
  const badRules = quality.filter((q) => !q.success)
  detail('quality', badRules.length ? `FAILED rules: ${badRules.map((q) => q.name).join(', ')}` : `all ${quality.length} rules pass`)
  if (badRules.length) failed = true
  const sizes = await analyse(offline)
  detail('main package', `${formatBytes(sizes.mainPackage)} (budget ${formatBytes(MAIN_PACKAGE_BUDGET)})`)
  for (const sub of sizes.subPackages) detail('subpackage', `${sub.root} ${formatBytes(sub.bytes)}`)
  if (sizes.mainPackage > MAIN_PACKAGE_BUDGET) failed = true

  // 4-6: uploads
  step(4, `upload the mini-program: ci.upload version ${version} (robot 1)`)
  for (const fn of functions) {
    step(5, `upload cloud function "${fn.name}" to ${shown('TCB_ENV_ID')}: ci.cloud.uploadFunction, remoteNpmInstall`)
    detail('path', `${path.relative(ROOT, fn.dir)}/ (${formatBytes(fn.bytes)}, node_modules not uploaded)`)
  }
  for (const fn of functions.filter((f) => f.triggers.length)) {
    for (const trigger of fn.triggers) {
      step(6, `timer trigger "${trigger.name}" for "${fn.name}": ci.cloud.createTimeTrigger`)
      detail('cron', `${trigger.config} (second minute hour day month weekday year)`)
    }
  }

  if (dryRun) {
    console.log(`\ndry run ${failed ? 'found problems (see above)' : 'ok'}: nothing uploaded.`)
    return failed ? 1 : 0
  }
  if (failed) {
    console.error('\nnot uploading: fix the problems above first.')
    return 1
  }

  const project = createProject({ offline: false, appid: env('WX_APPID')!, privateKeyPath: env('WX_PRIVATE_KEY_PATH')! })
  console.log('\nuploading the mini-program…')
  const uploaded = await ci.upload({
    project,
    version,
    desc,
    robot: 1,
    setting: { useProjectConfig: true },
    onProgressUpdate: (task) => {
      if (typeof task !== 'string' && task.status === 'done') console.log(`    ${task.message}`)
    },
  })
  for (const info of uploaded.subPackageInfo ?? []) {
    const name = info.name === '__FULL__' ? 'total' : info.name === '__APP__' ? 'main package' : info.name
    detail(name, formatBytes(info.size))
  }

  for (const fn of functions) {
    console.log(`uploading cloud function ${fn.name}…`)
    const result = await ci.cloud.uploadFunction({
      project,
      env: env('TCB_ENV_ID')!,
      name: fn.name,
      path: fn.dir,
      remoteNpmInstall: true,
    })
    detail(fn.name, `${result.filesCount} files, ${formatBytes(result.packSize)}`)
  }

  for (const fn of functions.filter((f) => f.triggers.length)) {
    for (const trigger of fn.triggers) {
      // one trigger per call (a limit of the API); it resolves to a message rather than throwing
      const message = await ci.cloud.createTimeTrigger({
        project,
        envId: env('TCB_ENV_ID')!,
        functionName: fn.name,
        triggersConfig: [trigger],
      })
      detail(`${fn.name}/${trigger.name}`, message)
      if (message !== '创建定时触发器成功') {
        console.error(`    the trigger was not set; set it in the CloudBase console: ${trigger.config}`)
        return 1
      }
    }
  }
  console.log('\ndeployed. Submit the development version for review on mp.weixin.qq.com (版本管理).')
  return 0
}

main()
  .then((code) => process.exit(code)) // miniprogram-ci keeps a watcher alive
  .catch((e) => {
    console.error(`\ndeploy failed: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  })
