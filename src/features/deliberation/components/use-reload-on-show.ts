import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Reloads the queries each time the page is shown again (back from voting, the meeting or the
 * manage page). A query still loading is left alone: on the first show it has just started.
 */
export function useReloadOnShow(...queries: Array<{ loading: boolean; reload: () => unknown }>) {
  const latest = useRef(queries)
  latest.current = queries
  useDidShow(() => {
    for (const q of latest.current) if (!q.loading) void q.reload()
  })
}
