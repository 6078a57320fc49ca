import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { DutyView, MembershipView } from '@contract'
import { DUTY_KINDS, DUTY_KIND_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { Alert, Async, Button, Card, Choice, Choices, Field, SwitchRow, TextField } from '@/shared/ui'
import { getDuty, saveDuty } from '../../api'
import { AffairsPage } from '../../components/frame'
import { fieldOf, formOf, inputOf, localChecks, type DutyForm } from './form'
import { useVillageWords } from '@/features/account/words'

/** The committee: add an item to the 小微权力清单 or edit one and its 办事指南 (?villageId=&dutyId=; none: a new item). */
export default function DutyEditPage() {
  return (
    <AffairsPage what='编辑小微权力清单' committeeOnly>
      {(m) => <Edit membership={m} />}
    </AffairsPage>
  )
}

function Edit({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const dutyId = usePageParam('dutyId') ?? null
  const old = useQuery(() => getDuty(villageId, dutyId ?? ''), [villageId, dutyId], dutyId !== null)
  if (!dutyId) return <Editor villageId={villageId} duty={null} />
  return <Async query={old}>{(d) => <Editor key={d.id} villageId={villageId} duty={d} />}</Async>
}

const CERTIFICATE_CHOICES = [
  { needs: false, label: '无证明（不用开证明）' },
  { needs: true, label: '需要证明' },
] as const

function Editor({ villageId, duty }: { villageId: string; duty: DutyView | null }) {
  const { committee, people } = useVillageWords()
  const [form, setForm] = useState<DutyForm>(() => formOf(duty))
  // the checks show from the first 保存 on, worked out again at each change: a fixed field's mark goes at once
  const [tried, setTried] = useState(false)
  const save = useMutation(() => saveDuty(inputOf(form, villageId, duty?.id ?? null)), {
    success: duty ? '已保存' : '已新增',
    onSuccess: (d) =>
      duty ? Taro.navigateBack() : Taro.redirectTo({ url: pageUrl('affairs.duty', { villageId, dutyId: d.id }) }),
  })
  const checks = tried ? localChecks(form) : {}
  const server: Record<string, string> = {}
  for (const [k, v] of Object.entries(save.fieldErrors)) server[fieldOf(k)] ??= v
  const error = (k: keyof DutyForm) => checks[k] ?? server[k]
  const set = <K extends keyof DutyForm>(k: K, v: DutyForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    for (const key of Object.keys(save.fieldErrors)) if (fieldOf(key) === k) save.clearField(key)
  }
  const guide = form.hasGuide && form.kind !== 'banned'

  function submit() {
    setTried(true)
    save.reset()
    const first = Object.values(localChecks(form))[0]
    if (first) return save.fail(`${first}（请按标红的提示修改）`)
    void save.run()
  }

  return (
    <>
      <Text className='vh-title vh-block'>{duty ? `编辑 · ${duty.name}` : '新增事项'}</Text>
      <Card title='事项'>
        <Field label='类别' error={error('kind')}>
          <Choices label='类别'>
            {DUTY_KINDS.map((k) => (
              <Choice key={k} on={form.kind === k} onClick={() => set('kind', k)}>
                <Text>{DUTY_KIND_LABELS[k]}</Text>
              </Choice>
            ))}
          </Choices>
        </Field>
        <TextField label='事项名称' value={form.name} maxlength={40} placeholder='如：低保申请受理' error={error('name')} onChange={(v) => set('name', v)} />
        <TextField label='依据' value={form.basis} maxlength={200} multiline placeholder='法律法规或镇街清单，如：《社会救助暂行办法》' error={error('basis')} onChange={(v) => set('basis', v)} />
        <TextField label='办理流程（每行一步）' value={form.steps} maxlength={1300} multiline placeholder='每行写一步，如第一行“提交申请”，第二行“入户调查”' error={error('steps')} onChange={(v) => set('steps', v)} />
        <TextField label='责任人' value={form.responsible} maxlength={40} placeholder='如：村民政专干' error={error('responsible')} onChange={(v) => set('responsible', v)} />
        <TextField label='办理时限' value={form.timeLimit} maxlength={30} placeholder='如：即时办结、5个工作日' error={error('timeLimit')} onChange={(v) => set('timeLimit', v)} />
      </Card>
      {form.kind === 'banned' ? (
        <Card title='办事指南'>
          <Text className='vh-muted'>{`禁入事项是${committee}不得承担的事，没有办事指南。`}</Text>
        </Card>
      ) : (
        <Card title={`办事指南（${people}来办时看）`}>
          <SwitchRow label='有办事指南' checked={form.hasGuide} onChange={(on) => set('hasGuide', on)} />
          {guide && (
            <>
              <TextField label='带什么材料（每行一项，可不填）' value={form.bring} maxlength={1300} multiline placeholder='每行写一样，如“身份证”“户口簿”' error={error('bring')} onChange={(v) => set('bring', v)} />
              <TextField label='在哪里办' value={form.where} maxlength={60} placeholder='如：党群服务中心一楼办事窗口' error={error('where')} onChange={(v) => set('where', v)} />
              <TextField label='什么时间办' value={form.when} maxlength={60} placeholder='如：工作日 8:30—12:00，14:30—17:30' error={error('when')} onChange={(v) => set('when', v)} />
              <TextField label='咨询电话' value={form.phone} maxlength={30} placeholder='如：0660-6801000' error={error('phone')} onChange={(v) => set('phone', v)} />
              <Field label='要不要开证明' error={error('needsCertificate')}>
                <Choices label='要不要开证明'>
                  {CERTIFICATE_CHOICES.map((c) => (
                    <Choice key={c.label} on={form.needsCertificate === c.needs} onClick={() => set('needsCertificate', c.needs)}>
                      <Text>{c.label}</Text>
                    </Choice>
                  ))}
                </Choices>
              </Field>
              <TextField
                label={form.needsCertificate ? '需要什么证明、为什么' : '为什么不需要证明'}
                value={form.certificateNote}
                maxlength={200}
                multiline
                placeholder={form.needsCertificate ? '如：需村委会出具“土地权属证明”，由镇国土所要求' : '如：凭身份证直接办理，收入由民政部门联网核查'}
                error={error('certificateNote')}
                onChange={(v) => set('certificateNote', v)}
              />
            </>
          )}
        </Card>
      )}
      <Alert message={server.guide ?? save.error} />
      <Button kind='primary' block loading={save.busy} onClick={submit}>
        {duty ? '保存修改' : '保存并公开'}
      </Button>
    </>
  )
}
