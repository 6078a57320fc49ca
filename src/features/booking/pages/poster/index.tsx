import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HallPoster, MembershipView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { Alert, Async, Button } from '@/shared/ui'
import { getPoster } from '../../api'
import { StaffPage } from '../../components/staff-page'
import './index.scss'

/**
 * 二维码海报 (staff, ?villageId=&hallId=): an A4 sheet for the hall's wall — its name, the services and their
 * times, the code (a mini-program code in the cloud, a QR code of the h5 link locally) and 微信扫一扫 预约·签到.
 * h5: 打印; WeChat: 保存到相册 (the code image, to print from a computer).
 */
export default function PosterPage() {
  return (
    <StaffPage what='打印服务中心二维码' className='bk-poster-page'>
      {(m, hallId) => <Poster membership={m} hallId={hallId} />}
    </StaffPage>
  )
}

/** WeChat: the data URL written to a temp file, then saved to the album (WeChat asks the person's consent). */
function saveToAlbum(image: string): Promise<void> {
  const base64 = image.replace(/^data:image\/\w+;base64,/, '')
  const filePath = `${Taro.env.USER_DATA_PATH}/hall-poster-${Date.now()}.png`
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64')
  return Taro.saveImageToPhotosAlbum({ filePath }).then(() => undefined)
}

function Poster({ membership, hallId }: { membership: MembershipView; hallId: string }) {
  const query = useQuery(() => getPoster(membership.villageId, hallId), [membership.villageId, hallId])
  const saving = useMutation(saveToAlbum, {
    success: '已保存到相册',
    onError: (e) => (/auth|deny/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? '')) ? '没有相册权限：请在右上角「设置」中允许保存到相册' : /cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? '')) ? null : '保存失败，请稍后再试'),
  })
  const print = () => {
    // h5 only: the guard keeps `window` out of the weapp build
    if (process.env.TARO_ENV === 'h5') window.print()
  }
  return (
    <Async query={query}>
      {(p) => (
        <View className='bk-poster'>
          <View className='bk-poster__bar'>
            {process.env.TARO_ENV === 'h5' ? (
              <Button kind='primary' onClick={print}>
                打印
              </Button>
            ) : (
              <Button kind='primary' loading={saving.busy} onClick={() => void saving.run(p.image)}>
                保存到相册
              </Button>
            )}
            <Text className='vh-muted'>用 A4 纸打印，贴在服务中心门口和饭堂</Text>
            <Alert message={saving.error} />
          </View>
          <Sheet poster={p} />
        </View>
      )}
    </Async>
  )
}

function Sheet({ poster: p }: { poster: HallPoster }) {
  return (
    <View className='bk-poster__sheet'>
      <Text className='bk-poster__village'>{p.hall.villageName}</Text>
      <Text className='bk-poster__title'>{p.hall.name}</Text>
      <Image className='bk-poster__code' src={p.image} mode='aspectFit' showMenuByLongpress />
      <Text className='bk-poster__scan'>微信扫一扫 预约·签到</Text>
      <View className='bk-poster__services'>
        {p.services.map((s) => (
          <View key={s.id} className='bk-poster__service'>
            <Text className='bk-poster__name'>{s.name}</Text>
            {s.schedule.map((line) => (
              <Text key={line} className='bk-poster__line'>{line}</Text>
            ))}
            {s.priceNote && <Text className='bk-poster__line'>{s.priceNote}</Text>}
          </View>
        ))}
      </View>
      <Text className='bk-poster__foot'>{`地址：${p.hall.address} · 没有智能手机的长者，可到服务台由工作人员登记`}</Text>
    </View>
  )
}
