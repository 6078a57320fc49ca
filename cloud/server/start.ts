/**
 * `npm start`: build the h5 app if it is missing or older than the sources, then serve it and the
 * API on http://localhost:10086 (PORT overrides) with the SQLite file under ./.data (DATA_DIR overrides).
 */
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startLocalServer } from './server'

const root = path.resolve(__dirname, '../..')
const h5Dir = path.join(root, 'dist/h5')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

export function buildH5IfNeeded(): void {
  const index = path.join(h5Dir, 'index.html')
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config')))
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return
  console.log('正在构建 h5 应用（首次约需一两分钟）…')
  execSync('npx taro build --type h5', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
}

async function main() {
  buildH5IfNeeded()
  const port = Number(process.env.PORT ?? 10086)
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  const server = await startLocalServer({ port, dataDir, staticDir: h5Dir })
  console.log(`村居议事厅已启动: ${server.url}   数据: ${dataDir}`)
  console.log('在「我的」页点「切换体验身份」，以任一演示人员的身份体验（仅本地模式）。')
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
