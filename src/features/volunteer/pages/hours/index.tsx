import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { hoursText, SIGNUP_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { Async, Button, Card, Empty, Row } from '@/shared/ui'
import { getMyHours, getTotals } from '../../api'
import { VolunteerPage } from '../../components'
import { periodText } from '../../labels'

/** 志愿时长 (?villageId=): my confirmed hours and activities; the village's months and its top volunteers (推荐 for the committee). */
export default function HoursPage() {
  return <VolunteerPage what='查看志愿时长'>{(m) => <Hours membership={m} />}</VolunteerPage>
}

function Hours({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const mine = useQuery(() => getMyHours(villageId), [villageId])
  const totals = useQuery(() => getTotals(villageId), [villageId])
  return (
    <>
      <Async query={mine}>
        {(d) => (
          <Card title={`我的志愿时长：${hoursText(d.totalMinutes)}`}>
            {d.activities.length === 0 && <Empty text='还没有参加过志愿活动' />}
            {d.activities.map((a) => (
              <Row key={a.activityId} label={a.title} onClick={() => void Taro.navigateTo({ url: pageUrl('volunteer.activity', { villageId, activityId: a.activityId }) })}>
                <Text className='vh-muted'>{`${periodText(a)} · ${a.minutes ? hoursText(a.minutes) : SIGNUP_STATUS_LABELS[a.status]}`}</Text>
              </Row>
            ))}
          </Card>
        )}
      </Async>
      <Async query={totals}>
        {(t) => (
          <>
            <Card title={`全村志愿时长：${hoursText(t.totalMinutes)}`}>
              {t.months.length === 0 && <Empty text='还没有确认的志愿时长' />}
              {t.months.map((m) => (
                <Row key={m.month} label={m.month.replace('-', '年') + '月'}>
                  <Text className='vh-muted'>{`${hoursText(m.minutes)} · ${m.volunteers}人 · ${m.activities}次活动`}</Text>
                </Row>
              ))}
            </Card>
            <Card title='志愿之星'>
              {t.ranking.map((r, i) => (
                <View key={r.personId}>
                  <Row label={`${i + 1}. ${r.name}`}>
                    <Text className='vh-muted'>{`${hoursText(r.minutes)} · ${r.activities}次`}</Text>
                  </Row>
                  {t.canNominate && (
                    <Button kind='plain' onClick={() => void Taro.navigateTo({ url: pageUrl('boards.nominations', { villageId, name: r.name }) })}>
                      推荐上善行义举榜
                    </Button>
                  )}
                </View>
              ))}
            </Card>
          </>
        )}
      </Async>
    </>
  )
}
