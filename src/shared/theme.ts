import Taro from '@tarojs/taro'
import { create } from 'zustand'

/** 长辈模式: larger type and bigger buttons everywhere; remembered on this phone. */
const KEY = 'vh.elderMode'
interface ThemeState {
  elder: boolean
  setElder: (on: boolean) => void
}
export const useTheme = create<ThemeState>((set) => ({
  elder: Boolean(Taro.getStorageSync(KEY)),
  setElder: (on) => {
    Taro.setStorageSync(KEY, on)
    set({ elder: on })
  },
}))
