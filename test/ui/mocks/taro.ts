/** The bits of @tarojs/taro the pages use, recorded so tests can assert navigation and toasts. */
// 长辈模式 has been offered already (src/shared/theme.ts): pages render without the first-open offer
const storage = new Map<string, unknown>([['vh.elderOffered', true]])
export const router = { params: {} as Record<string, string> }

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  navigateTo: jest.fn(async (_o: { url: string }) => undefined),
  switchTab: jest.fn(async (_o: { url: string }) => undefined),
  redirectTo: jest.fn(async (_o: { url: string }) => undefined),
  navigateBack: jest.fn(async () => undefined),
  showToast: jest.fn(),
  setNavigationBarTitle: jest.fn(async () => undefined),
  /** answers "confirm" unless a test says otherwise */
  showModal: jest.fn(async (_o: { title?: string; content?: string }) => ({ confirm: true, cancel: false })),
  enableAlertBeforeUnload: jest.fn(),
  disableAlertBeforeUnload: jest.fn(),
  env: { USER_DATA_PATH: 'wxfile://usr' },
  getFileSystemManager: jest.fn(() => ({ writeFileSync: jest.fn() })),
  shareFileMessage: jest.fn(async (_o: { filePath: string; fileName?: string }) => ({ errMsg: 'shareFileMessage:ok' })),
  scanCode: jest.fn(),
  cloud: { init: jest.fn(), callFunction: jest.fn(), uploadFile: jest.fn(async (_o: { cloudPath: string; filePath: string }) => ({ fileID: '' })) },
  /** picks nothing unless a test says otherwise */
  chooseImage: jest.fn(async (_o: { count?: number; sizeType?: string[]; sourceType?: string[] }) => ({ tempFilePaths: [] as string[], tempFiles: [] as object[] })),
  nextTick: (fn: () => void) => fn(),
  getCurrentInstance: () => ({ page: {} }),
  /** records what is observed; a test calls `intersect(selector)` when the reader scrolls there */
  createIntersectionObserver: jest.fn(() => {
    const o = {
      relativeToViewport: () => o,
      observe: (selector: string, cb: (r: { intersectionRatio: number }) => void) => void observers.set(selector, cb),
      disconnect: jest.fn(),
    }
    return o
  }),
  showShareMenu: jest.fn(async (_o?: object) => undefined),
  setClipboardData: jest.fn(async (_o: { data: string }) => undefined),
  previewImage: jest.fn(async (_o: { urls: string[]; current?: string }) => undefined),
  stopPullDownRefresh: jest.fn(),
  setTabBarBadge: jest.fn(async (_o: { index: number; text: string }) => undefined),
  removeTabBarBadge: jest.fn(async (_o: { index: number }) => undefined),
  __storage: storage,
}
const observers = new Map<string, (r: { intersectionRatio: number }) => void>()
/** the element matching selector came on screen */
export function intersect(selector: string) {
  observers.get(selector)?.({ intersectionRatio: 1 })
}
export default Taro
export const useRouter = () => router
/** tab pages load on show; in tests a page is shown when it mounts */
export const useDidShow = (fn: () => void) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { useEffect } = require('react')
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount, like a page's first show
  useEffect(() => fn(), [])
}
export const useLoad = useDidShow
/** records the page's share handler: a test calls `shareAppMessage()` to see the card WeChat would send */
let shareHandler: (() => unknown) | null = null
export const useShareAppMessage = (fn: () => unknown) => {
  shareHandler = fn
}
export const shareAppMessage = () => shareHandler?.()
export const usePullDownRefresh = (_fn: () => void) => undefined
