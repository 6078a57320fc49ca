import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { BookingHousehold, BookingSetup, MembershipView, Weekday } from '@contract'
import { SERVICE_KIND_LABELS, SERVICE_KINDS, WEEKDAY_LABELS } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { ymd } from '@/shared/time'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Field, Row, SwitchRow, TextField } from '@/shared/ui'
import { SearchPick } from '@/shared/ui/search-pick'
import { getSetup, saveService, searchHouseholds } from '../../api'
import { StaffPage } from '../../components/staff-page'
import { formOf, inputOf, localChecks, newException, newRule, type ExceptionForm, type RuleForm, type ServiceForm } from './form'

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7]

/** 编辑服务 (staff, ?villageId=&hallId=&serviceId=; none: a new service): the weekly pattern, exceptions, window, eligibility, limit, price. */
export default function ServiceEditPage() {
  return <StaffPage what='设置服务'>{(m, hallId) => <Edit membership={m} hallId={hallId} />}</StaffPage>
}

function Edit({ membership, hallId }: { membership: MembershipView; hallId: string }) {
  const villageId = membership.villageId
  const serviceId = usePageParam('serviceId')
  const setup = useQuery(() => getSetup(villageId, hallId), [villageId, hallId])
  return (
    <Async query={setup}>
      {(s) => {
        const service = serviceId ? s.services.find((x) => x._id === serviceId) ?? null : null
        if (serviceId && !service) return <Empty text='找不到该服务，可能已被删除' />
        return <ServiceEditor key={serviceId ?? 'new'} setup={s} ids={{ villageId, hallId, serviceId }} initial={formOf(service)} />
      }}
    </Async>
  )
}

const householdText = (h: BookingHousehold) => `${h.doorplate}（户主 ${h.headName}）`

function ServiceEditor({ setup, ids, initial }: { setup: BookingSetup; ids: { villageId: string; hallId: string; serviceId?: string }; initial: ServiceForm }) {
  const [form, setForm] = useState(initial)
  const [checks, setChecks] = useState<Record<string, string>>({})
  const saving = useMutation(() => saveService(inputOf(form, ids)), {
    success: ids.serviceId ? '已保存' : '已新增',
    onSuccess: () => void Taro.navigateBack(),
  })
  const errors: Record<string, string> = { ...saving.fieldErrors, ...checks }
  const set = <K extends keyof ServiceForm>(k: K, v: ServiceForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setChecks({})
    saving.clearField(String(k))
  }
  const setRule = (i: number, patch: Partial<RuleForm>) => set('rules', form.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const setException = (i: number, patch: Partial<ExceptionForm>) => set('exceptions', form.exceptions.map((e, j) => (j === i ? { ...e, ...patch } : e)))
  // the listed households' names: those the setup named, and those picked from a search since
  const [named, setNamed] = useState<Record<string, string>>(() => Object.fromEntries(setup.households.map((h) => [h.id, householdText(h)])))
  const search = async (q: string) => {
    const found = (await searchHouseholds(ids.villageId, ids.hallId, q)).map((h) => ({ id: h.id, text: householdText(h) }))
    setNamed((n) => ({ ...n, ...Object.fromEntries(found.map((c) => [c.id, c.text])) }))
    return found.filter((c) => !form.householdIds.includes(c.id))
  }

  function submit() {
    const local = localChecks(form)
    setChecks(local)
    saving.reset()
    if (Object.keys(local).length) return saving.fail(Object.values(local)[0])
    void saving.run()
  }

  return (
    <>
      <Text className='vh-title vh-block'>{ids.serviceId ? `编辑服务 · ${initial.name}` : `新增服务 · ${setup.hall.name}`}</Text>
      <Card title='基本信息'>
        <Field label='服务类型' error={errors.kind}>
          <Choices label='服务类别'>
            {SERVICE_KINDS.map((k) => (
              <Choice key={k} on={form.kind === k} onClick={() => (set('kind', k), !form.name.trim() && set('name', SERVICE_KIND_LABELS[k]))}>
                <Text>{SERVICE_KIND_LABELS[k]}</Text>
              </Choice>
            ))}
          </Choices>
        </Field>
        <TextField label='服务名称' value={form.name} placeholder='如：长者饭堂' maxlength={30} error={errors.name} onChange={(v) => set('name', v)} />
        <TextField label='介绍' multiline value={form.description} placeholder='提供什么服务、在哪里、要带什么' maxlength={200} error={errors.description} onChange={(v) => set('description', v)} />
        <TextField label='价格或补贴说明（可不填）' value={form.priceNote} placeholder='如：每餐12元，60岁以上补贴7元' maxlength={60} error={errors.priceNote} onChange={(v) => set('priceNote', v)} />
        <SwitchRow label='开放预约' checked={form.active} onChange={(on) => set('active', on)} />
      </Card>

      <Card title='每周时段'>
        <Alert message={errors.rules} />
        {form.rules.map((r, i) => (
          <View key={i} className='bk-slot'>
            <Field label={`时段 ${i + 1}`} error={errors[`rules.${i}.weekdays`]}>
              <Choices label='每周哪几天' kind='checkbox'>
                {WEEKDAYS.map((d) => (
                  <Choice key={d} kind='checkbox' on={r.weekdays.includes(d)} onClick={() => setRule(i, { weekdays: r.weekdays.includes(d) ? r.weekdays.filter((x) => x !== d) : [...r.weekdays, d] })}>
                    <Text>{WEEKDAY_LABELS[d]}</Text>
                  </Choice>
                ))}
              </Choices>
            </Field>
            <Picker mode='time' value={r.start} onChange={(e) => setRule(i, { start: String(e.detail.value) })}>
              <Row label='开始'>
                <Text>{`${r.start} ▾`}</Text>
              </Row>
            </Picker>
            <Picker mode='time' value={r.end} onChange={(e) => setRule(i, { end: String(e.detail.value) })}>
              <Row label='结束'>
                <Text>{`${r.end} ▾`}</Text>
              </Row>
            </Picker>
            <Alert message={errors[`rules.${i}.end`] ?? errors[`rules.${i}.start`]} />
            <TextField label='每段分钟数（不分段留空）' value={r.step} placeholder='如：30；留空即整段一个时段' maxlength={3} error={errors[`rules.${i}.stepMinutes`]} onChange={(v) => setRule(i, { step: v })} />
            <TextField label='每段名额' value={r.capacity} placeholder='如：80' maxlength={4} error={errors[`rules.${i}.capacity`]} onChange={(v) => setRule(i, { capacity: v })} />
            <TextField label='名称（可不填）' value={r.label} placeholder='如：午餐、上午咨询' maxlength={20} error={errors[`rules.${i}.label`]} onChange={(v) => setRule(i, { label: v })} />
            {form.rules.length > 1 && (
              <Button kind='plain' onClick={() => set('rules', form.rules.filter((_, j) => j !== i))}>
                删除此时段
              </Button>
            )}
          </View>
        ))}
        <Button onClick={() => set('rules', [...form.rules, newRule()])}>添加时段</Button>
      </Card>

      <Card title='例外日期（节假日、临时调整）'>
        {form.exceptions.length === 0 && <Text className='vh-muted vh-block'>没有例外，按每周时段开放</Text>}
        {form.exceptions.map((e, i) => (
          <View key={i} className='bk-slot'>
            <Picker mode='date' value={e.date} onChange={(ev) => setException(i, { date: String(ev.detail.value) })}>
              <Row label='日期'>
                <Text>{`${e.date} ▾`}</Text>
              </Row>
            </Picker>
            <Alert message={errors[`exceptions.${i}.date`]} />
            <Choices label='当天'>
              <Choice on={e.closed} onClick={() => setException(i, { closed: true })}>
                <Text>当天休息</Text>
              </Choice>
              <Choice on={!e.closed} onClick={() => setException(i, { closed: false })}>
                <Text>调整名额</Text>
              </Choice>
            </Choices>
            {!e.closed && <TextField label='当天每段名额' value={e.capacity} placeholder='如：60' maxlength={4} error={errors[`exceptions.${i}.capacity`]} onChange={(v) => setException(i, { capacity: v })} />}
            <TextField label='原因（村民能看到）' value={e.reason} placeholder='如：元旦休息' maxlength={40} error={errors[`exceptions.${i}.reason`]} onChange={(v) => setException(i, { reason: v })} />
            <Button kind='plain' onClick={() => set('exceptions', form.exceptions.filter((_, j) => j !== i))}>
              删除
            </Button>
          </View>
        ))}
        <Button onClick={() => set('exceptions', [...form.exceptions, newException(ymd())])}>添加例外日期</Button>
      </Card>

      <Card title='预约规则'>
        <TextField label='可提前预约天数' value={form.windowDays} placeholder='0 = 只能约当天' maxlength={2} error={errors.windowDays} onChange={(v) => set('windowDays', v)} />
        <TextField label='开始前多少分钟截止预约和取消' value={form.cutoffMinutes} placeholder='如：150' maxlength={4} error={errors.cutoffMinutes} onChange={(v) => set('cutoffMinutes', v)} />
        <TextField label='每人同时最多预约' value={form.perPersonLimit} placeholder='如：6' maxlength={2} error={errors.perPersonLimit} onChange={(v) => set('perPersonLimit', v)} />
      </Card>

      <Card title='预约对象'>
        <TextField label='最低年龄（不限留空）' value={form.minAge} placeholder='如：60' maxlength={3} error={errors['eligibility.minAge']} onChange={(v) => set('minAge', v)} />
        <Field label='不限年龄的登记家庭（如五保户、低保户）' error={errors['eligibility.householdIds']}>
          {form.householdIds.map((id) => (
            <Row key={id} label={named[id] ?? id}>
              <Button kind='plain' onClick={() => set('householdIds', form.householdIds.filter((x) => x !== id))}>
                移除
              </Button>
            </Row>
          ))}
        </Field>
        <SearchPick label='添加家庭' placeholder='输入门牌号或户主姓名' search={search} value={null} onChange={(id) => id && set('householdIds', [...form.householdIds, id])} />
        <TextField label='对象说明（村民能看到）' value={form.note} placeholder='如：60岁及以上长者或登记在册的困难家庭' maxlength={60} error={errors['eligibility.note']} onChange={(v) => set('note', v)} />
      </Card>

      <Alert message={saving.error} />
      <Button kind='primary' block loading={saving.busy} onClick={submit}>
        {ids.serviceId ? '保存' : '新增服务'}
      </Button>
    </>
  )
}
