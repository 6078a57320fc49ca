import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from './call'

export interface Query<T> {
  data: T | undefined
  loading: boolean
  error: string | null
  reload: () => Promise<void>
}

/**
 * Loads on mount and whenever deps change; keeps the last data while reloading. Given `initial` (an answer already
 * in, see prefetch.ts takeSettled), it starts with it and does not load on mount.
 */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[], enabled = true, initial?: T): Query<T> {
  const [data, setData] = useState<T | undefined>(initial)
  const [loading, setLoading] = useState(enabled && initial === undefined)
  const loadOnMount = useRef(initial === undefined)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const reload = useCallback(async () => {
    if (!enabled) return
    const ticket = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const value = await load()
      if (ticket === latest.current) setData(value)
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e))
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])
  useEffect(() => {
    if (loadOnMount.current) void reload()
    loadOnMount.current = true
  }, [reload])
  return { data, loading, error, reload }
}
