import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

/**
 * True once the element matching `selector` (put it after the last line of a text) has been on
 * screen: the reader reached the end. Works in WeChat and h5 through Taro's IntersectionObserver;
 * where it is unavailable, reading is not blocked.
 */
export function useReachedEnd(selector: string, ready: boolean): boolean {
  const [reached, setReached] = useState(false)
  useEffect(() => {
    if (!ready || reached) return
    if (typeof Taro.createIntersectionObserver !== 'function') {
      setReached(true)
      return
    }
    let observer: Taro.IntersectionObserver | null = null
    Taro.nextTick(() => {
      const page = Taro.getCurrentInstance().page
      observer = Taro.createIntersectionObserver(page as never).relativeToViewport({ bottom: 0 })
      observer.observe(selector, (res) => {
        if ((res.intersectionRatio ?? 0) > 0) setReached(true)
      })
    })
    return () => observer?.disconnect()
  }, [ready, reached, selector])
  return reached
}
