/**
 * A printable A4 poster with a code to scan (a hall's 预约·签到, an activity's 志愿签到): the bar above it
 * (h5: 打印; WeChat: 保存到相册, the code image, to print from a computer) and the sheet — black on white, the
 * code large, nothing of the app on paper. Each feature fills the sheet with its own lines around PosterCode.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { useMutation } from '../api/use-mutation'
import { Alert, Button } from '.'
import './poster.scss'

/** the page frame's class: no padding or grey when printed */
export const POSTER_PAGE_CLASS = 'vh-poster-page'

/** WeChat: the data URL written to a temp file, then saved to the album (WeChat asks the person's consent). */
function saveToAlbum(image: string): Promise<void> {
  const base64 = image.replace(/^data:image\/\w+;base64,/, '')
  const filePath = `${Taro.env.USER_DATA_PATH}/poster-${Date.now()}.png`
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64')
  return Taro.saveImageToPhotosAlbum({ filePath }).then(() => undefined)
}

const errMsg = (e: unknown) => String((e as { errMsg?: string } | null)?.errMsg ?? '')

/** The bar (打印 or 保存到相册, and where to put the poster up) and the A4 sheet. */
export function Poster({ image, hint, children }: { image: string; hint: string; children: ReactNode }) {
  const saving = useMutation(saveToAlbum, {
    success: '已保存到相册',
    onError: (e) => (/auth|deny/i.test(errMsg(e)) ? '没有相册权限：请在右上角「设置」中允许保存到相册' : /cancel/i.test(errMsg(e)) ? null : '保存失败，请稍后再试'),
  })
  const print = () => {
    // h5 only: the guard keeps `window` out of the weapp build
    if (process.env.TARO_ENV === 'h5') window.print()
  }
  return (
    <View className='vh-poster'>
      <View className='vh-poster__bar'>
        {process.env.TARO_ENV === 'h5' ? (
          <Button kind='primary' onClick={print}>
            打印
          </Button>
        ) : (
          <Button kind='primary' loading={saving.busy} onClick={() => void saving.run(image)}>
            保存到相册
          </Button>
        )}
        <Text className='vh-muted'>{hint}</Text>
        <Alert message={saving.error} />
      </View>
      <View className='vh-poster__sheet'>{children}</View>
    </View>
  )
}

/** The sheet's head: the village, the title (large, red), the code and what scanning it does. */
export function PosterHead({ village, title, image, scan }: { village: string; title: string; image: string; scan: string }) {
  return (
    <>
      <Text className='vh-poster__village'>{village}</Text>
      <Text className='vh-poster__title'>{title}</Text>
      <Image className='vh-poster__code' src={image} mode='aspectFit' showMenuByLongpress nativeProps={{ alt: `${title}的二维码：${scan}` }} />
      <Text className='vh-poster__scan'>{scan}</Text>
    </>
  )
}

/** The sheet's small print at the bottom. */
export function PosterFoot({ children }: { children: string }) {
  return <Text className='vh-poster__foot'>{children}</Text>
}
