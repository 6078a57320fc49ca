import { useRouter } from '@tarojs/taro'

/**
 * Page parameters, always decoded. Links carry values URL-encoded (ids hold ':', a QR scene holds
 * '='); the h5 router decodes them, WeChat passes them as they are in the URL. Decoding once more
 * is harmless for our values (ids and scenes never hold a '%' of their own), so every page reads
 * its parameters through here and gets the same string on both platforms.
 */
export function decodeParam(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** All of the page's parameters, decoded. */
export function usePageParams(): Record<string, string | undefined> {
  const params = useRouter().params
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(params)) out[k] = decodeParam(v)
  return out
}

/** One page parameter, decoded. */
export function usePageParam(name: string): string | undefined {
  return decodeParam(useRouter().params[name])
}
