import { Text, View } from '@tarojs/components'
import type { MembershipView } from '@contract'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { Async } from '@/shared/ui'
import { Poster, POSTER_PAGE_CLASS, PosterFoot, PosterHead } from '@/shared/ui/poster'
import { getPoster } from '../../api'
import { VolunteerPage } from '../../components'
import { periodText } from '../../labels'
import './index.scss'

/**
 * 签到二维码海报 (the organiser, ?villageId=&activityId=): an A4 sheet to put up where the activity gathers — its
 * title, time, place and the code that opens the activity page for 签到 (微信扫一扫 志愿签到).
 */
export default function PosterPage() {
  const activityId = usePageParam('activityId') ?? ''
  return (
    <VolunteerPage what='打印志愿签到二维码' className={POSTER_PAGE_CLASS}>
      {(m) => <ActivityPoster membership={m} activityId={activityId} />}
    </VolunteerPage>
  )
}

function ActivityPoster({ membership, activityId }: { membership: MembershipView; activityId: string }) {
  const query = useQuery(() => getPoster(membership.villageId, activityId), [membership.villageId, activityId])
  return (
    <Async query={query}>
      {(p) => (
        <Poster image={p.image} hint='用 A4 纸打印，贴在活动集合点'>
          <PosterHead village={p.villageName} title={p.activity.title} image={p.image} scan='微信扫一扫 志愿签到' />
          <View className='vol-poster__rows'>
            <Text className='vol-poster__row'>{`时间：${periodText(p.activity)}`}</Text>
            <Text className='vol-poster__row'>{`地点：${p.activity.place}`}</Text>
            <Text className='vol-poster__row'>{`组织：${p.activity.orgName}`}</Text>
          </View>
          <PosterFoot>已报名的志愿者到场后扫码签到（活动开始前30分钟起）；签到后由组织者确认志愿时长</PosterFoot>
        </Poster>
      )}
    </Async>
  )
}
