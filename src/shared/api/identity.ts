import Taro from '@tarojs/taro'

/** Local mode only: which demo person the h5 app acts as. The cloud ignores it. */
const KEY = 'vh.demoOpenid'
export const getDemoOpenid = (): string => (Taro.getStorageSync(KEY) as string) || ''
export const setDemoOpenid = (openid: string): void => Taro.setStorageSync(KEY, openid)
/** the demo identities exist only where the local server runs, i.e. the h5 build */
export const isLocalMode = (): boolean => process.env.TARO_ENV === 'h5'
