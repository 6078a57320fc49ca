import { useEffect } from 'react'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { takeEarlyHome, useAccount } from './store'

/**
 * Tab pages refresh the account each time they are shown (a request may have been decided meanwhile);
 * 首页 (`home`) with its figures and 待办 in the same round trip.
 */
export function useAccountOnShow(home = false) {
  const account = useAccount()
  // the first show of 首页 opened cold leaves alone the load the app started (src/app.ts), even when it has ended
  useReloadOnShow({ loading: account.loading, reload: () => (home && takeEarlyHome() ? undefined : account.load({ home })) })
  return account
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
