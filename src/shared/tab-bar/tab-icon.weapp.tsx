import { Image } from '@tarojs/components'

/** A tab's icon in WeChat: the native image (the browser's is a plain <img>, tab-icon.tsx). */
export function TabIcon({ src }: { src: string }) {
  return <Image className='vh-tabbar__icon' src={src} mode='aspectFit' nativeProps={{ alt: '' }} aria-hidden />
}
