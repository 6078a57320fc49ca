/**
 * The organiser's confirmation of attendance: each checked-in volunteer with their hours (the activity's
 * length to start with; − / + by half an hour, from 0.5 to the length and an hour more, the server's bound
 * too) or 未参加; those who never checked in are recorded as not having taken part. One tap records it all.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActivityDetail, InputOf } from '@contract'
import { hoursText } from '@contract/tables'
import { askConfirm } from '@/shared/confirm'
import { Button, Choice, Row } from '@/shared/ui'
import './confirm-hours.scss'

const STEP = 30

export function ConfirmHours({ activity: a, busy, onConfirm }: { activity: ActivityDetail; busy: boolean; onConfirm: (input: Pick<InputOf<'volunteer.confirm'>, 'adjust' | 'absent'>) => Promise<unknown> }) {
  const roster = a.roster ?? []
  const attendees = roster.filter((r) => r.status === 'checkedIn')
  const noShows = roster.filter((r) => r.status === 'signedUp')
  const [minutes, setMinutes] = useState<Record<string, number>>({})
  const [absent, setAbsent] = useState<Record<string, boolean>>({})
  const of = (personId: string) => minutes[personId] ?? a.durationMinutes
  const step = (personId: string, by: number) => setMinutes((m) => ({ ...m, [personId]: Math.min(a.maxMinutes, Math.max(STEP, of(personId) + by)) }))

  async function confirm() {
    const served = attendees.filter((r) => !absent[r.personId])
    const lines = [
      served.length ? `记录时长：${served.map((r) => `${r.name}${hoursText(of(r.personId))}`).join('、')}` : '没有人记录时长',
      ...(attendees.length > served.length || noShows.length ? [`未参加：${[...attendees.filter((r) => absent[r.personId]), ...noShows].map((r) => r.name).join('、')}`] : []),
    ]
    if (!(await askConfirm('确认志愿时长？', `${lines.join('；')}。确认后不能修改。`, '确认时长'))) return
    await onConfirm({
      adjust: served.filter((r) => of(r.personId) !== a.durationMinutes).map((r) => ({ personId: r.personId, hours: of(r.personId) / 60 })),
      absent: attendees.filter((r) => absent[r.personId]).map((r) => r.personId),
    })
  }

  return (
    <View className='vol-confirm'>
      <Text className='vh-muted'>{`活动${hoursText(a.durationMinutes)}：已签到的每人默认记这么多；早退或多干了的，按实际调整（最多${hoursText(a.maxMinutes)}）`}</Text>
      {attendees.map((r) => {
        const m = of(r.personId)
        const off = Boolean(absent[r.personId])
        return (
          <Row key={r.personId} label={r.name}>
            <View className='vol-confirm__hours'>
              {!off && (
                <>
                  <Button kind='plain' disabled={busy || m <= STEP} onClick={() => step(r.personId, -STEP)}>
                    −
                  </Button>
                  <Text className='vol-confirm__value'>{hoursText(m)}</Text>
                  <Button kind='plain' disabled={busy || m >= a.maxMinutes} onClick={() => step(r.personId, STEP)}>
                    +
                  </Button>
                </>
              )}
              <Choice kind='toggle' on={off} onClick={() => setAbsent((x) => ({ ...x, [r.personId]: !off }))}>
                <Text>未参加</Text>
              </Choice>
            </View>
          </Row>
        )
      })}
      {noShows.map((r) => (
        <Row key={r.personId} label={r.name}>
          <Text className='vh-muted'>未签到 · 记为未参加</Text>
        </Row>
      ))}
      <Button kind='primary' block loading={busy} onClick={() => void confirm()}>
        确认志愿时长
      </Button>
    </View>
  )
}
