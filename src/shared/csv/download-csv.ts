/**
 * Hands a CSV made by the server (UTF-8 with BOM already) to the committee:
 * in the browser as a download; in WeChat as a file written to the user data folder and sent to a chat,
 * where it opens on a computer. process.env.TARO_ENV is a build-time constant: each build keeps one branch.
 */
import Taro from '@tarojs/taro'

export interface CsvFileLike {
  filename: string
  content: string
}

export type CsvOutcome =
  /** h5: the browser downloaded it */
  | { kind: 'downloaded' }
  /** weapp: sent to a chat */
  | { kind: 'shared' }
  /** weapp: written, but not sent (cancelled, or WeChat wants a fresh tap): shareCsv sends it from a tap */
  | { kind: 'saved'; filePath: string; fileName: string; cancelled: boolean }

/** no path separators or characters a file system refuses */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_') || 'export.csv'

const isCancel = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))

/** Sends a written CSV to a WeChat chat: 'shared', or 'cancelled' when the person closed the chooser. */
export async function shareCsv(filePath: string, fileName: string): Promise<'shared' | 'cancelled'> {
  try {
    await Taro.shareFileMessage({ filePath, fileName })
    return 'shared'
  } catch (e) {
    if (isCancel(e)) return 'cancelled'
    throw e
  }
}

/**
 * Not an async function on purpose: the build-time constant then decides a plain `if`, and the
 * minifier drops the other platform's branch (inside an async function's state machine it could not).
 */
export function downloadCsv(file: CsvFileLike): Promise<CsvOutcome> {
  const fileName = safeName(file.filename)
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([file.content], { type: 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    document.body.removeChild(a)
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return Promise.resolve({ kind: 'downloaded' })
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, file.content, 'utf8')
  } catch (e) {
    return Promise.reject(e)
  }
  return shareCsv(filePath, fileName).then(
    (r): CsvOutcome => (r === 'shared' ? { kind: 'shared' } : { kind: 'saved', filePath, fileName, cancelled: true }),
    // WeChat only shares from a tap, and the export took a round trip: let the person tap again
    (): CsvOutcome => ({ kind: 'saved', filePath, fileName, cancelled: false }),
  )
}
