import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { ActivityDetail, MembershipView } from '@contract'
import { hoursText, SIGNUP_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { askConfirm } from '@/shared/confirm'
import { usePageParam } from '@/shared/page-params'
import { Alert, Async, Button, Card, Loading, ErrorState, Page, Row, Tag } from '@/shared/ui'
import { cancelSignUp, checkIn, confirmHours, getActivity, getActivityByScene, signUp } from '../../api'
import { VolunteerPage } from '../../components'
import { ConfirmHours } from '../../confirm-hours'
import { periodText, STATUS_TONE } from '../../labels'

/** 志愿活动 (?villageId=&activityId=, or the QR code's ?scene=a%3D…): sign up or wait in line, cancel, 签到 on the spot; the organiser's roster and confirmation of hours. */
export default function ActivityPage() {
  const scene = usePageParam('scene')
  const activityId = usePageParam('activityId')
  const byScene = useQuery(() => getActivityByScene(scene!), [scene], Boolean(scene))
  if (!scene) return <VolunteerPage what='查看志愿活动'>{(m) => <Activity membership={m} activityId={activityId ?? ''} />}</VolunteerPage>
  if (byScene.error) {
    return (
      <Page>
        <ErrorState message={byScene.error} onRetry={() => void byScene.reload()} />
      </Page>
    )
  }
  if (!byScene.data) {
    return (
      <Page>
        <Loading />
      </Page>
    )
  }
  return (
    <VolunteerPage what='参加志愿活动' villageId={byScene.data.villageId}>
      {(m) => <Activity membership={m} activityId={byScene.data!.activityId} />}
    </VolunteerPage>
  )
}

function Activity({ membership, activityId }: { membership: MembershipView; activityId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => getActivity(villageId, activityId), [villageId, activityId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const act = useMutation((fn: () => Promise<ActivityDetail>, _done: string) => fn(), { success: (_r, _fn, done) => done, onSuccess: () => query.reload() })
  async function cancel(a: ActivityDetail) {
    const waiting = a.mine?.status === 'waitlisted'
    if (await askConfirm(waiting ? '退出候补？' : '取消报名？', waiting ? '退出后不再排队。' : '取消后名额让给候补的人。', waiting ? '退出候补' : '取消报名')) {
      await act.run(() => cancelSignUp(villageId, a.id), '已取消')
    }
  }
  return (
    <Async query={query}>
      {(a) => (
        <>
          <Card title={a.title} extra={<Tag>{a.orgName}</Tag>}>
            <Row label='时间'>
              <Text>{periodText(a)}</Text>
            </Row>
            <Row label='地点'>
              <Text>{a.place}</Text>
            </Row>
            <Row label='招募'>
              <Text>{`已报名 ${a.signedUp}/${a.capacity}${a.waitlist ? ` · 候补 ${a.waitlist}人` : ''}`}</Text>
            </Row>
            {a.bring && (
              <Row label='需自带'>
                <Text>{a.bring}</Text>
              </Row>
            )}
            {a.description && (
              <View>
                <Text className='vh-muted'>{a.description}</Text>
              </View>
            )}
            {a.can.manage && (a.phase === 'upcoming' || a.phase === 'underway') && (
              <View className='vh-chips'>
                {a.phase === 'upcoming' && (
                  <Button kind='plain' onClick={() => void Taro.navigateTo({ url: pageUrl('volunteer.edit', { villageId, activityId: a.id }) })}>
                    编辑
                  </Button>
                )}
                <Button kind='plain' onClick={() => void Taro.navigateTo({ url: pageUrl('volunteer.poster', { villageId, activityId: a.id }) })}>
                  签到二维码海报
                </Button>
              </View>
            )}
          </Card>
          <Alert message={act.error} />
          <Card title='我的报名'>
            {a.mine ? (
              <Row label={<Tag tone={STATUS_TONE[a.mine.status]}>{SIGNUP_STATUS_LABELS[a.mine.status]}</Tag>}>
                <Text className='vh-muted'>{a.mine.position ? `候补第${a.mine.position}位` : a.mine.minutes ? `志愿时长 ${hoursText(a.mine.minutes)}` : ''}</Text>
              </Row>
            ) : (
              <Text className='vh-muted'>{a.can.signUp ? '还没有报名' : (a.can.signUpWhy ?? '服务人员不参与报名')}</Text>
            )}
            {a.can.checkIn && (
              <Button kind='primary' block disabled={act.busy} onClick={() => void act.run(() => checkIn(villageId, a.id), '签到成功')}>
                签到
              </Button>
            )}
            {a.can.checkInWhy && a.mine?.status === 'signedUp' && <Text className='vh-muted'>{a.can.checkInWhy}</Text>}
            {a.can.signUp && a.signedUp < a.capacity && (
              <Button kind='primary' block disabled={act.busy} onClick={() => void act.run(() => signUp(villageId, a.id, false), '报名成功')}>
                报名参加
              </Button>
            )}
            {a.can.signUp && a.signedUp >= a.capacity && (
              <Button kind='primary' block disabled={act.busy} onClick={() => void act.run(() => signUp(villageId, a.id, true), '已加入候补')}>
                名额已满，加入候补
              </Button>
            )}
            {a.can.cancel && (
              <Button kind='danger' block disabled={act.busy} onClick={() => void cancel(a)}>
                {a.mine?.status === 'waitlisted' ? '退出候补' : '取消报名'}
              </Button>
            )}
          </Card>
          {a.roster && (
            <Card title={`报名名单（${a.roster.length}人）`}>
              {a.can.confirm ? (
                <ConfirmHours activity={a} busy={act.busy} onConfirm={(input) => act.run(() => confirmHours({ villageId, activityId: a.id, ...input }), '时长已记录')} />
              ) : (
                a.roster.map((r) => (
                  <Row key={r.personId} label={r.name}>
                    <Text className='vh-muted'>{`${r.position ? `候补第${r.position}位` : SIGNUP_STATUS_LABELS[r.status]}${r.minutes ? ` · ${hoursText(r.minutes)}` : ''}`}</Text>
                  </Row>
                ))
              )}
              {a.confirmedByName && <Text className='vh-muted'>{`${a.confirmedByName}已确认时长`}</Text>}
            </Card>
          )}
        </>
      )}
    </Async>
  )
}
