import { useDidShow } from '@tarojs/taro'
import { useAccount } from './store'

/** Tab pages refresh the account each time they are shown (a request may have been decided meanwhile). */
export function useAccountOnShow() {
  useDidShow(() => {
    void useAccount.getState().load()
  })
  return useAccount()
}
