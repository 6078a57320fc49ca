/**
 * The `wx` object of WeChat's logic layer, as far as this mini-program (and Taro's runtime) uses it.
 * Every call is recorded; navigation records the URL and does not open the page; the cloud calls go
 * to a pluggable backend. An API that is not here is simply missing, as on an old base library:
 * calling it is a TypeError that fails the test.
 */
import fs from 'node:fs'
import path from 'node:path'

/** The cloud function `api` as the runner reaches it: the event and the caller's OPENID. */
export type CloudBackend = (event: unknown, openid: string | null) => Promise<unknown>

export interface WxCall {
  api: string
  args: unknown
}

export interface WxOptions {
  backend: CloudBackend
  /** the OPENID WeChat vouches for (null: a call without a user, which never happens in WeChat) */
  openid: () => string | null
  /** where wx.cloud.uploadFile puts files */
  uploadDir: string
  /** wx.showModal's answer (default: confirm) */
  modalConfirm?: () => boolean
  /** schedules a callback the way the logic layer's timers do (errors are recorded by the caller) */
  later: (fn: () => void) => void
  /** what the page stack does on navigation (the runner records and does not open pages) */
  onNavigate?: (kind: string, url: string) => void
  /** WeChat's font size setting in px (我 → 设置 → 通用 → 字体大小; 17 is standard); default 16 */
  fontSizeSetting?: number
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12/13 (Pro)',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 753,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.6',
  platform: 'devtools',
  fontSizeSetting: 16,
  SDKVersion: '3.5.8',
  benchmarkLevel: 1,
  enableDebug: false,
  theme: 'light',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
}

export function createWx(opts: WxOptions) {
  const calls: WxCall[] = []
  const navigations: { kind: string; url: string }[] = []
  const toasts: string[] = []
  const modals: { title?: string; content?: string }[] = []
  const cloudCalls: { name: string; data: unknown; openid: string | null }[] = []
  const storage = new Map<string, unknown>()
  const system = { ...SYSTEM_INFO, fontSizeSetting: opts.fontSizeSetting ?? SYSTEM_INFO.fontSizeSetting }
  let loading: string | null = null

  const ok = (name: string, extra: Record<string, unknown> = {}) => ({ errMsg: `${name}:ok`, ...extra })
  type Cb = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }

  /** an async API: callbacks when given, else a promise (as the base library does) */
  function asyncApi<O extends Cb>(name: string, impl: (o: O) => unknown | Promise<unknown>) {
    return (o: O = {} as O) => {
      calls.push({ api: name, args: o })
      const run = Promise.resolve().then(() => impl(o))
      if (o.success || o.fail || o.complete) {
        run.then(
          (r) => opts.later(() => {
            o.success?.(r)
            o.complete?.(r)
          }),
          (e) => opts.later(() => {
            const err = { errMsg: `${name}:fail ${e instanceof Error ? e.message : String(e)}` }
            o.fail?.(err)
            o.complete?.(err)
          }),
        )
        return undefined
      }
      return run
    }
  }
  function syncApi<A extends unknown[], R>(name: string, impl: (...a: A) => R) {
    return (...a: A): R => {
      calls.push({ api: name, args: a })
      return impl(...a)
    }
  }
  const navigate = (kind: string) =>
    asyncApi<Cb & { url?: string; delta?: number }>(kind, (o) => {
      const url = kind === 'navigateBack' ? `back:${o.delta ?? 1}` : String(o.url)
      navigations.push({ kind, url })
      opts.onNavigate?.(kind, url)
      return ok(kind)
    })

  const selectorQuery = () => {
    const q: Record<string, unknown> = {}
    const callbacks: ((r: unknown) => void)[] = []
    const node = {
      boundingClientRect: (cb?: (r: unknown) => void) => {
        const rect = { left: 0, top: 0, right: 390, bottom: 0, width: 390, height: 0, id: '', dataset: {} }
        callbacks.push((res) => cb?.(res))
        results.push(rect)
        return q
      },
      scrollOffset: (cb?: (r: unknown) => void) => {
        callbacks.push((res) => cb?.(res))
        results.push({ scrollLeft: 0, scrollTop: 0, scrollWidth: 390, scrollHeight: 753 })
        return q
      },
      fields: (_f: unknown, cb?: (r: unknown) => void) => {
        callbacks.push((res) => cb?.(res))
        results.push(null)
        return q
      },
      node: (cb?: (r: unknown) => void) => {
        callbacks.push((res) => cb?.(res))
        results.push(null)
        return q
      },
      context: (cb?: (r: unknown) => void) => {
        callbacks.push((res) => cb?.(res))
        results.push(null)
        return q
      },
    }
    const results: unknown[] = []
    Object.assign(q, {
      in: () => q,
      select: () => node,
      selectAll: () => node,
      selectViewport: () => node,
      exec: (cb?: (r: unknown[]) => void) => {
        opts.later(() => {
          results.forEach((r, i) => callbacks[i]?.(r))
          cb?.(results)
        })
        return q
      },
    })
    return q
  }

  /** observed elements; scrolling (Session.scrollToEnd) brings them on screen */
  const observers: { selector: string; callback: (r: unknown) => void; active: boolean }[] = []
  const intersectionObserver = () => {
    const mine: (typeof observers)[number][] = []
    const o = {
      relativeTo: () => o,
      relativeToViewport: () => o,
      observe: (selector: string, callback: (r: unknown) => void) => {
        const entry = { selector, callback, active: true }
        mine.push(entry)
        observers.push(entry)
      },
      disconnect: () => {
        for (const e of mine) e.active = false
      },
    }
    return o
  }

  const noop = (name: string) => asyncApi<Cb>(name, () => ok(name))

  const cloud = {
    init: syncApi('cloud.init', (_o?: unknown) => undefined),
    callFunction: asyncApi<Cb & { name: string; data?: unknown }>('cloud.callFunction', async (o) => {
      const openid = opts.openid()
      cloudCalls.push({ name: o.name, data: o.data, openid })
      if (o.name !== 'api') throw new Error(`no cloud function named ${o.name}`)
      // what WeChat delivers: a structured clone of the event, and of the result
      const event = JSON.parse(JSON.stringify(o.data ?? {}))
      const result = await opts.backend(event, openid)
      return ok('cloud.callFunction', { result: JSON.parse(JSON.stringify(result ?? null)), requestID: `req-${cloudCalls.length}` })
    }),
    uploadFile: asyncApi<Cb & { cloudPath: string; filePath: string }>('cloud.uploadFile', (o) => {
      const target = path.join(opts.uploadDir, o.cloudPath.replace(/\.\.+/g, '.'))
      fs.mkdirSync(path.dirname(target), { recursive: true })
      if (fs.existsSync(o.filePath)) fs.copyFileSync(o.filePath, target)
      else fs.writeFileSync(target, `stand-in for ${o.filePath}`)
      return ok('cloud.uploadFile', { fileID: `cloud://runner-env.runner/${o.cloudPath}`, statusCode: 204 })
    }),
    getTempFileURL: asyncApi<Cb & { fileList: string[] }>('cloud.getTempFileURL', (o) =>
      ok('cloud.getTempFileURL', { fileList: o.fileList.map((fileID) => ({ fileID, tempFileURL: `https://runner.invalid/${fileID}`, status: 0 })) }),
    ),
  }

  const wx = {
    // storage
    getStorageSync: syncApi('getStorageSync', (key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: syncApi('setStorageSync', (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value ?? null)))),
    removeStorageSync: syncApi('removeStorageSync', (key: string) => void storage.delete(key)),
    clearStorageSync: syncApi('clearStorageSync', () => storage.clear()),
    getStorageInfoSync: syncApi('getStorageInfoSync', () => ({ keys: [...storage.keys()], currentSize: 1, limitSize: 10240 })),
    getStorage: asyncApi<Cb & { key: string }>('getStorage', (o) => {
      if (!storage.has(o.key)) throw new Error('data not found')
      return ok('getStorage', { data: storage.get(o.key) })
    }),
    setStorage: asyncApi<Cb & { key: string; data: unknown }>('setStorage', (o) => {
      storage.set(o.key, JSON.parse(JSON.stringify(o.data ?? null)))
      return ok('setStorage')
    }),
    removeStorage: asyncApi<Cb & { key: string }>('removeStorage', (o) => {
      storage.delete(o.key)
      return ok('removeStorage')
    }),
    // navigation
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    // interaction
    showToast: asyncApi<Cb & { title?: string }>('showToast', (o) => {
      toasts.push(String(o.title ?? ''))
      return ok('showToast')
    }),
    hideToast: noop('hideToast'),
    showModal: asyncApi<Cb & { title?: string; content?: string }>('showModal', (o) => {
      modals.push({ title: o.title, content: o.content })
      const confirm = opts.modalConfirm ? opts.modalConfirm() : true
      return ok('showModal', { confirm, cancel: !confirm })
    }),
    showLoading: asyncApi<Cb & { title?: string }>('showLoading', (o) => {
      loading = String(o.title ?? '')
      return ok('showLoading')
    }),
    hideLoading: asyncApi<Cb>('hideLoading', () => {
      loading = null
      return ok('hideLoading')
    }),
    showActionSheet: asyncApi<Cb>('showActionSheet', () => ok('showActionSheet', { tapIndex: 0 })),
    // system
    getSystemInfoSync: syncApi('getSystemInfoSync', () => ({ ...system })),
    getSystemInfo: asyncApi<Cb>('getSystemInfo', () => ok('getSystemInfo', { ...system })),
    getWindowInfo: syncApi('getWindowInfo', () => {
      const { pixelRatio, screenWidth, screenHeight, windowWidth, windowHeight, statusBarHeight, safeArea } = SYSTEM_INFO
      return { pixelRatio, screenWidth, screenHeight, windowWidth, windowHeight, statusBarHeight, safeArea, screenTop: 0 }
    }),
    getDeviceInfo: syncApi('getDeviceInfo', () => ({ brand: SYSTEM_INFO.brand, model: SYSTEM_INFO.model, system: SYSTEM_INFO.system, platform: SYSTEM_INFO.platform, benchmarkLevel: 1 })),
    getAppBaseInfo: syncApi('getAppBaseInfo', () => ({ SDKVersion: SYSTEM_INFO.SDKVersion, language: 'zh_CN', version: SYSTEM_INFO.version, theme: 'light', enableDebug: false, fontSizeSetting: system.fontSizeSetting })),
    getMenuButtonBoundingClientRect: syncApi('getMenuButtonBoundingClientRect', () => ({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 })),
    getLaunchOptionsSync: syncApi('getLaunchOptionsSync', () => ({ path: 'pages/home/index', scene: 1001, query: {}, referrerInfo: {} })),
    getEnterOptionsSync: syncApi('getEnterOptionsSync', () => ({ path: 'pages/home/index', scene: 1001, query: {}, referrerInfo: {} })),
    getAccountInfoSync: syncApi('getAccountInfoSync', () => ({ miniProgram: { appId: 'wx-runner', envVersion: 'develop', version: '' } })),
    canIUse: syncApi('canIUse', () => true),
    nextTick: (fn: () => void) => opts.later(fn),
    getUpdateManager: syncApi('getUpdateManager', () => ({ onCheckForUpdate: () => undefined, onUpdateReady: () => undefined, onUpdateFailed: () => undefined, applyUpdate: () => undefined })),
    onAppRoute: syncApi('onAppRoute', (_cb: unknown) => undefined),
    onError: syncApi('onError', (_cb: unknown) => undefined),
    onUnhandledRejection: syncApi('onUnhandledRejection', (_cb: unknown) => undefined),
    onNetworkStatusChange: syncApi('onNetworkStatusChange', (_cb: unknown) => undefined),
    getNetworkType: asyncApi<Cb>('getNetworkType', () => ok('getNetworkType', { networkType: 'wifi' })),
    reportAnalytics: syncApi('reportAnalytics', (..._a: unknown[]) => undefined),
    getRealtimeLogManager: syncApi('getRealtimeLogManager', () => ({ info: () => undefined, warn: () => undefined, error: () => undefined, setFilterMsg: () => undefined })),
    // page chrome
    setNavigationBarTitle: asyncApi<Cb & { title: string }>('setNavigationBarTitle', () => ok('setNavigationBarTitle')),
    setNavigationBarColor: noop('setNavigationBarColor'),
    setTabBarBadge: noop('setTabBarBadge'),
    removeTabBarBadge: noop('removeTabBarBadge'),
    showTabBarRedDot: noop('showTabBarRedDot'),
    hideTabBarRedDot: noop('hideTabBarRedDot'),
    showShareMenu: noop('showShareMenu'),
    hideShareMenu: noop('hideShareMenu'),
    stopPullDownRefresh: noop('stopPullDownRefresh'),
    startPullDownRefresh: noop('startPullDownRefresh'),
    pageScrollTo: noop('pageScrollTo'),
    enableAlertBeforeUnload: noop('enableAlertBeforeUnload'),
    disableAlertBeforeUnload: noop('disableAlertBeforeUnload'),
    createSelectorQuery: syncApi('createSelectorQuery', selectorQuery),
    createIntersectionObserver: syncApi('createIntersectionObserver', (..._a: unknown[]) => intersectionObserver()),
    // device and media
    setClipboardData: noop('setClipboardData'),
    vibrateShort: noop('vibrateShort'),
    makePhoneCall: noop('makePhoneCall'),
    previewImage: noop('previewImage'),
    saveImageToPhotosAlbum: noop('saveImageToPhotosAlbum'),
    scanCode: asyncApi<Cb>('scanCode', () => ok('scanCode', { result: '', scanType: 'QR_CODE', path: '' })),
    chooseImage: asyncApi<Cb>('chooseImage', () => {
      const file = path.join(opts.uploadDir, 'tmp', 'photo.jpg')
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xd9]))
      return ok('chooseImage', { tempFilePaths: [file], tempFiles: [{ path: file, size: 4 }] })
    }),
    // WeChat recompresses a picked photo before upload; here it is the same file
    compressImage: asyncApi<Cb & { src: string }>('compressImage', (o) => ok('compressImage', { tempFilePath: o.src })),
    // the person picks a place on WeChat's map: 新山村's 东一巷口 (GCJ-02, as WeChat gives it)
    chooseLocation: asyncApi<Cb>('chooseLocation', () => ok('chooseLocation', { name: '新山村东一巷口', address: '广东省汕尾市海丰县联安镇新山村东一巷', latitude: 22.9305, longitude: 115.3312 })),
    shareFileMessage: noop('shareFileMessage'),
    getFileSystemManager: syncApi('getFileSystemManager', () => ({
      writeFile: (o: Cb & { filePath: string; data: string }) => {
        calls.push({ api: 'fs.writeFile', args: { filePath: o.filePath } })
        opts.later(() => {
          o.success?.(ok('writeFile'))
          o.complete?.(ok('writeFile'))
        })
      },
      writeFileSync: (filePath: string) => void calls.push({ api: 'fs.writeFileSync', args: { filePath } }),
    })),
    env: { USER_DATA_PATH: 'wxfile://usr' },
    login: asyncApi<Cb>('login', () => ok('login', { code: 'runner-code' })),
    requestSubscribeMessage: asyncApi<Cb>('requestSubscribeMessage', () => ok('requestSubscribeMessage')),
    cloud,
  }

  return {
    wx,
    observers,
    calls,
    navigations,
    toasts,
    modals,
    cloudCalls,
    storage,
    loading: () => loading,
  }
}

export type WxRecorder = ReturnType<typeof createWx>
