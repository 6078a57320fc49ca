/**
 * A tab's icon in the browser: a plain <img>. Taro's h5 <Image> measures itself when it loads (its onLoad reads
 * the drawn size, a forced layout of the whole page for each of the four icons: about 55 ms of 首页's first second
 * in Chromium), for a size the bar has already fixed in CSS. WeChat gets the native image (tab-icon.weapp.tsx).
 */
export function TabIcon({ src }: { src: string }) {
  return <img className='vh-tabbar__icon' src={src} alt='' aria-hidden decoding='async' />
}
