import { Text, View } from '@tarojs/components'
import type { MembershipView } from '@contract'
import { useQuery } from '@/shared/api/use-query'
import { Async } from '@/shared/ui'
import { Poster, POSTER_PAGE_CLASS, PosterFoot, PosterHead } from '@/shared/ui/poster'
import { getPoster } from '../../api'
import { StaffPage } from '../../components/staff-page'
import './index.scss'

/**
 * 二维码海报 (staff, ?villageId=&hallId=): an A4 sheet for the hall's wall — its name, the code (a mini-program
 * code in the cloud, a QR code of the h5 link locally), 微信扫一扫 预约·签到 and the services and their times.
 */
export default function PosterPage() {
  return (
    <StaffPage what='打印服务中心二维码' className={POSTER_PAGE_CLASS}>
      {(m, hallId) => <HallPoster membership={m} hallId={hallId} />}
    </StaffPage>
  )
}

function HallPoster({ membership, hallId }: { membership: MembershipView; hallId: string }) {
  const query = useQuery(() => getPoster(membership.villageId, hallId), [membership.villageId, hallId])
  return (
    <Async query={query}>
      {(p) => (
        <Poster image={p.image} hint='用 A4 纸打印，贴在服务中心门口和饭堂'>
          <PosterHead village={p.hall.villageName} title={p.hall.name} image={p.image} scan='微信扫一扫 预约·签到' />
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
          <PosterFoot>{`地址：${p.hall.address} · 没有智能手机的长者，可到服务台由工作人员登记`}</PosterFoot>
        </Poster>
      )}
    </Async>
  )
}
