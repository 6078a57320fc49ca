/**
 * A file the person picks (not a photo): in WeChat from a chat (`chooseMessageFile`, the way a phone's
 * files reach a mini-program), in h5 with the browser's file chooser. Its name and size are the picker's
 * word, for showing only: what the file is, the server decides from its bytes.
 */
import Taro from '@tarojs/taro'
import { CallError } from '../api/call'

export interface PickedFile {
  /** a temp path in WeChat, a blob: URL in h5 */
  path: string
  name: string
  size: number
}

type Picker = (extension: string, accept: string) => Promise<PickedFile | null>
type Reader = (path: string) => Promise<string>

const inWeChat: Picker = async (extension) => {
  const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [extension] })
  const f = tempFiles[0]
  return f ? { path: f.path, name: f.name, size: f.size } : null
}
const readInWeChat: Reader = (path) =>
  new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({ filePath: path, encoding: 'utf8', success: (r) => resolve(String(r.data)), fail: reject })
  })

let pick: Picker = inWeChat
let read: Reader = readInWeChat
// a constant condition at build time: the weapp bundle has no DOM file input
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const h5 = require('./pick-file-h5') as typeof import('./pick-file-h5')
  pick = (_extension, accept) => h5.pickFileInBrowser(accept)
  read = h5.readBlobText
}

/** Lets the person pick one file with this extension (pdf, csv); null when they cancel. */
export async function pickFile(extension: 'pdf' | 'csv'): Promise<PickedFile | null> {
  try {
    return await pick(extension, extension === 'pdf' ? 'application/pdf,.pdf' : 'text/csv,.csv')
  } catch (e) {
    const msg = String((e as { errMsg?: string } | null)?.errMsg ?? '')
    if (!msg || msg.includes('cancel')) return null
    throw new CallError({ code: 'NETWORK', message: '没能打开文件，请从微信聊天中选择文件' })
  }
}

/** A picked text file's content as UTF-8, without the byte-order mark Excel puts at the start of a CSV. */
export async function readTextFile(path: string): Promise<string> {
  let text: string
  try {
    text = await read(path)
  } catch {
    throw new CallError({ code: 'NETWORK', message: '没能读取文件，请重新选择' })
  }
  return text.replace(/^\uFEFF/, '')
}
