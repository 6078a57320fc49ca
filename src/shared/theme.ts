import Taro from '@tarojs/taro'
import { create } from 'zustand'

/** 长辈模式: larger type and bigger buttons everywhere; remembered on this phone. */
const KEY = 'vh.elderMode'
/** set once the app has offered 长辈模式 (on the first open), so it is offered only once */
const OFFERED_KEY = 'vh.elderOffered'
/**
 * WeChat's own font size (我 → 设置 → 通用 → 字体大小), in px: 17 is its standard size, and the steps above
 * it are 19 (a little larger), 20, 22... From 20 on, the person has asked for large type: 长辈模式 starts on.
 */
export const LARGE_WECHAT_FONT = 20

/** WeChat's font-size setting, or null where the API is missing (the browser, old WeChat versions). */
function wechatFontSize(): number | null {
  // the browser has no such setting; and Taro's h5 getAppBaseInfo would put its user-agent parser (~40 KB) into
  // the first script every page waits for. A block the build drops (not an early return), so the import goes too
  if (process.env.TARO_ENV !== 'h5') {
    try {
      if (typeof Taro.getAppBaseInfo !== 'function') return null
      // in WeChat's result, not in Taro's type
      const size = (Taro.getAppBaseInfo() as { fontSizeSetting?: unknown } | undefined)?.fontSizeSetting
      return typeof size === 'number' ? size : null
    } catch {
      return null
    }
  }
  return null
}

interface ThemeState {
  elder: boolean
  /** nobody has chosen on this phone yet: the pages show a one-time offer to turn 长辈模式 on */
  offer: boolean
  setElder: (on: boolean) => void
  /** "不用了": the offer is answered (长辈模式 stays off and the choice is remembered) */
  declineOffer: () => void
}

/** The person's own choice wins; without one, WeChat's large font turns 长辈模式 on, else it is offered once. */
function initial(): Pick<ThemeState, 'elder' | 'offer'> {
  const stored: unknown = Taro.getStorageSync(KEY)
  if (typeof stored === 'boolean') return { elder: stored, offer: false }
  const size = wechatFontSize()
  if (size !== null && size >= LARGE_WECHAT_FONT) return { elder: true, offer: false }
  const offer = !Taro.getStorageSync(OFFERED_KEY)
  // offered on this open only: the next open does not ask again, answered or not
  if (offer) Taro.setStorageSync(OFFERED_KEY, true)
  return { elder: false, offer }
}

export const useTheme = create<ThemeState>((set) => ({
  ...initial(),
  setElder: (on) => {
    Taro.setStorageSync(KEY, on)
    set({ elder: on, offer: false })
  },
  declineOffer: () => {
    Taro.setStorageSync(KEY, false)
    set({ elder: false, offer: false })
  },
}))

/** For tests: the state a fresh open of the app computes from storage and WeChat's settings. */
export function recomputeTheme(): void {
  useTheme.setState(initial())
}
