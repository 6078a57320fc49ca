/** The file picker in WeChat: chooseMessageFile for one file of the extension, read as UTF-8 without Excel's byte-order mark. */
type PickFile = typeof import('../../src/shared/upload/pick-file')

/** the module as the weapp build has it (its transport is chosen when it loads) */
function weappPicker(): PickFile {
  const was = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  let mod!: PickFile
  jest.isolateModules(() => {
    // this registry's own @tarojs/taro stand-in, with WeChat's file APIs
    Object.assign(jest.requireActual<{ default: object }>('@tarojs/taro').default, { chooseMessageFile, getFileSystemManager: () => ({ readFile }) })
    mod = jest.requireActual('../../src/shared/upload/pick-file')
  })
  process.env.TARO_ENV = was
  return mod
}

const chooseMessageFile = jest.fn()
const readFile = jest.fn()
beforeEach(() => jest.clearAllMocks())

test('a CSV from a chat: its path, name and size; read as utf8 with the BOM stripped', async () => {
  const { pickFile, readTextFile } = weappPicker()
  chooseMessageFile.mockResolvedValueOnce({ tempFiles: [{ path: 'wxfile://tmp/q4.csv', name: '第四季度.csv', size: 120, type: 'file', time: 0 }] })
  expect(await pickFile('csv')).toEqual({ path: 'wxfile://tmp/q4.csv', name: '第四季度.csv', size: 120 })
  expect(chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['csv'] })
  readFile.mockImplementationOnce((o: { filePath: string; encoding: string; success: (r: { data: string }) => void }) => o.success({ data: '\uFEFF日期,类别,摘要,收入,支出\r\n' }))
  expect(await readTextFile('wxfile://tmp/q4.csv')).toBe('日期,类别,摘要,收入,支出\r\n')
  expect(readFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/q4.csv', encoding: 'utf8' }))
})

test('a cancelled pick is no file; a refusal to open or read is said in words', async () => {
  const { pickFile, readTextFile } = weappPicker()
  chooseMessageFile.mockRejectedValueOnce({ errMsg: 'chooseMessageFile:fail cancel' })
  expect(await pickFile('pdf')).toBeNull()
  chooseMessageFile.mockRejectedValueOnce({ errMsg: 'chooseMessageFile:fail auth deny' })
  await expect(pickFile('pdf')).rejects.toThrow('没能打开文件，请从微信聊天中选择文件')
  readFile.mockImplementationOnce((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'readFile:fail no such file' }))
  await expect(readTextFile('wxfile://gone.csv')).rejects.toThrow('没能读取文件，请重新选择')
})
