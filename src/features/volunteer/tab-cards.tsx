/** What the volunteer feature adds to the tab pages: 服务's 志愿服务 card (the activities and the hours). */
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { Card, Row } from '@/shared/ui'

const go = (url: string) => void Taro.navigateTo({ url })

/** 服务: 志愿服务 — the village's activities to sign up for, and 志愿时长 (mine, the village's months and 志愿之星). */
export function VolunteerCard({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  return (
    <Card title='志愿服务'>
      <Row label='志愿活动' onClick={() => go(pageUrl('volunteer.list', { villageId }))}>
        <Text className='vh-muted'>报名、签到</Text>
      </Row>
      <Row label='志愿时长' onClick={() => go(pageUrl('volunteer.hours', { villageId }))}>
        <Text className='vh-muted'>我的时长、志愿之星</Text>
      </Row>
    </Card>
  )
}
