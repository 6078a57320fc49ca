import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pageUrl } from '@/routes'
import { Card, Row } from '@/shared/ui'

/** The staff's pages of a hall (the hall page and the 服务 tab both show them); `readOnly`: a town officer's (day list and headcount). */
export function StaffLinks({ villageId, hallId, hallName, readOnly }: { villageId: string; hallId: string; hallName?: string; readOnly?: boolean }) {
  const go = (key: Parameters<typeof pageUrl>[0]) => void Taro.navigateTo({ url: pageUrl(key, { villageId, hallId }) })
  return (
    <Card title={hallName ? `${hallName} · 工作人员` : '工作人员'}>
      <Row label='今日名单' onClick={() => go('booking.day')}>
        <Text className='vh-muted'>签到、未到、现场登记</Text>
      </Row>
      <Row label='备餐人数' onClick={() => go('booking.headcount')}>
        <Text className='vh-muted'>未来7天</Text>
      </Row>
      {!readOnly && (
        <>
          <Row label='服务设置' onClick={() => go('booking.setup')} />
          <Row label='长者登记' onClick={() => go('booking.people')}>
            <Text className='vh-muted'>出生年份、爽约次数</Text>
          </Row>
          <Row label='二维码海报' onClick={() => go('booking.poster')} />
        </>
      )}
    </Card>
  )
}
