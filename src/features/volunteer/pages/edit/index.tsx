import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActivityList, MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { dayText, ymd } from '@/shared/time'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Field, TextField } from '@/shared/ui'
import { emptyForm, checkForm, FIELDS_OF, formOf, toInput, type ActivityForm, type FormField } from '../../activity-form'
import { getActivity, listActivities, saveActivity } from '../../api'
import { VolunteerPage } from '../../components'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

/** 发布志愿活动 (?villageId=), or 编辑 one (&activityId=): the committee, or an organisation's organisers, for their own. */
export default function EditPage() {
  const activityId = usePageParam('activityId') ?? null
  return <VolunteerPage what='发布志愿活动'>{(m) => <Edit membership={m} activityId={activityId} />}</VolunteerPage>
}

function Edit({ membership, activityId }: { membership: MembershipView; activityId: string | null }) {
  const villageId = membership.villageId
  const { committee } = useVillageWords(membership.village.kind)
  // whom the caller may post for (a new activity), or the activity as it is (an edit)
  const list = useQuery(() => listActivities(villageId), [villageId], activityId === null)
  const old = useQuery(() => getActivity(villageId, activityId ?? ''), [villageId, activityId], activityId !== null)
  useEffect(() => {
    if (activityId) void Taro.setNavigationBarTitle({ title: '编辑志愿活动' })
  }, [activityId])
  if (activityId) {
    return (
      <Async query={old}>
        {(a) => (a.can.manage && a.phase === 'upcoming' ? <Form villageId={villageId} activityId={activityId} initial={formOf(a)} postFor={null} note={`${a.orgName}发布 · 已有${a.signedUp}人报名，招募人数不能少于${a.signedUp}人`} /> : <Empty text={a.can.manage ? '活动已开始或已结束，不能修改' : `只有${committee}和该活动的组织者可以修改`} />)}
      </Async>
    )
  }
  return (
    <Async query={list}>
      {(l) => (l.canPostFor.length ? <Form villageId={villageId} activityId={null} initial={emptyForm(l.canPostFor[0].orgId, Date.now())} postFor={l.canPostFor} note={null} /> : <Empty text={`只有${committee}和志愿组织的组织者可以发布活动`} />)}
    </Async>
  )
}

function Form({ villageId, activityId, initial, postFor, note }: { villageId: string; activityId: string | null; initial: ActivityForm; postFor: ActivityList['canPostFor'] | null; note: string | null }) {
  const [form, setForm] = useState(initial)
  // after the first 保存, the form's own checks follow each change: an error goes as soon as its field is fixed
  const [tried, setTried] = useState(false)
  const save = useMutation(() => saveActivity(toInput(villageId, activityId, form)), {
    success: activityId ? '已保存' : '已发布',
    onSuccess: (a) => Taro.redirectTo({ url: pageUrl('volunteer.activity', { villageId, activityId: a.id }) }),
  })
  const errors: Partial<Record<FormField, string>> = { ...save.fieldErrors, ...(tried ? checkForm(form, Date.now()) : {}) }
  const set = <K extends keyof ActivityForm>(key: K) => (value: ActivityForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    for (const field of FIELDS_OF[key]) save.clearField(field)
  }
  async function submit() {
    setTried(true)
    if (Object.keys(checkForm(form, Date.now())).length) return save.fail('请按提示修改后再保存')
    await save.run()
  }
  return (
    <>
      <Card>
        {note && <Text className='vh-muted'>{note}</Text>}
        {postFor && postFor.length > 1 && (
          <Field label='发布单位' error={errors.orgId}>
            <Choices label='组织方'>
              {postFor.map((o) => (
                <Choice key={o.orgId ?? 'committee'} on={form.orgId === o.orgId} onClick={() => set('orgId')(o.orgId)}>
                  <Text>{o.name}</Text>
                </Choice>
              ))}
            </Choices>
          </Field>
        )}
        <TextField label='活动名称' value={form.title} maxlength={40} placeholder='如：村道清洁日' error={errors.title} onChange={set('title')} />
        <TextField label='地点' value={form.place} maxlength={60} placeholder='在哪里集合' error={errors.place} onChange={set('place')} />
        <Field label='时间' error={errors.startsAt ?? errors.endsAt}>
          <Picker mode='date' value={form.date} start={ymd()} onChange={(e) => set('date')(String(e.detail.value))}>
            <View className='vh-field__input'>{dayText(form.date)}</View>
          </Picker>
          <View className='vol-edit-when'>
            <Picker mode='time' value={form.start} onChange={(e) => set('start')(String(e.detail.value))}>
              <View className='vh-field__input'>{`${form.start} 开始`}</View>
            </Picker>
            <Picker mode='time' value={form.end} onChange={(e) => set('end')(String(e.detail.value))}>
              <View className='vh-field__input'>{`${form.end} 结束`}</View>
            </Picker>
          </View>
        </Field>
        <TextField label='招募人数' value={form.capacity} maxlength={3} placeholder='如：20' error={errors.capacity} onChange={set('capacity')} />
        <TextField label='需自带（可选）' value={form.bring} maxlength={100} placeholder='如：手套、草帽、饮用水' error={errors.bring} onChange={set('bring')} />
        <TextField label='活动介绍（可选）' value={form.description} maxlength={1000} multiline placeholder='做什么、怎么分工、注意什么' error={errors.description} onChange={set('description')} />
      </Card>
      <Alert message={save.error} />
      <Button kind='primary' block loading={save.busy} onClick={() => void submit()}>
        {activityId ? '保存修改' : '发布活动'}
      </Button>
    </>
  )
}
