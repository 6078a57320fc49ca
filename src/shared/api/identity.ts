import Taro from '@tarojs/taro'
import { DEMO_OPENID_KEY as KEY } from '../../../config/boot-calls'

/**
 * Local mode only: which person the h5 app acts as. Like a WeChat user, who always has an OPENID,
 * a first visit gets a fresh visitor identity; 我的 → 切换体验身份 signs in as a demo person.
 * The cloud ignores all of this: there the identity comes from WeChat.
 */
export const VISITOR_PREFIX = 'visitor-'
export function getDemoOpenid(): string {
  let openid = Taro.getStorageSync(KEY) as string
  if (!openid) {
    openid = `${VISITOR_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
    Taro.setStorageSync(KEY, openid)
  }
  return openid
}
export const setDemoOpenid = (openid: string): void => Taro.setStorageSync(KEY, openid)
/** the demo identities exist only where the local server runs, i.e. the h5 build */
export const isLocalMode = (): boolean => process.env.TARO_ENV === 'h5'
