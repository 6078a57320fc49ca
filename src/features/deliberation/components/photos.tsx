import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './deliberation.scss'

/** Photos by fileId, shown from the urls the server resolved; a tap opens the full-screen viewer. */
export function Photos({ ids, urls }: { ids: string[]; urls: Record<string, string> }) {
  const list = ids.map((id) => urls[id]).filter((u): u is string => Boolean(u))
  if (list.length === 0) return null
  return (
    <View className='dl-photos'>
      {list.map((url) => (
        <Image key={url} className='dl-photos__img' src={url} mode='aspectFill' lazyLoad onClick={() => void Taro.previewImage({ urls: list, current: url })} />
      ))}
    </View>
  )
}
