import { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { useAccount } from './store'

/** Tab pages refresh the account each time they are shown (a request may have been decided meanwhile). */
export function useAccountOnShow() {
  useDidShow(() => {
    void useAccount.getState().load()
  })
  return useAccount()
}

/**
 * Pages outside the tabs can be opened cold (from a notification or a share card):
 * load the account once if nothing has loaded it yet.
 */
export function useEnsureAccount() {
  const account = useAccount()
  useEffect(() => {
    const s = useAccount.getState()
    if (!s.me && !s.loading) void s.load()
  }, [])
  return account
}
