import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Reloads each time the page is shown again (back from voting, agreeing, the committee's pages; a
 * request may have been decided meanwhile). One still loading is left alone: on the first show it
 * has just started.
 */
export function useReloadOnShow(...loaders: Array<{ loading: boolean; reload: () => unknown }>) {
  const latest = useRef(loaders)
  latest.current = loaders
  useDidShow(() => {
    for (const l of latest.current) if (!l.loading) void l.reload()
  })
}
