import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MembershipView, ResponsibleKind } from '@contract'
import { BOARD_LABELS, BOARDS, RESPONSIBLE_KIND_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { beijing } from '@/shared/time'
import { Alert, Button, Card, Choice, Choices, Field, Row, SwitchRow, TextField } from '@/shared/ui'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { createEntry, getCurrentRules, getRanking } from '../../api'
import { householdSearch, personSearch } from '../../components/register-search'
import { BoardsPage } from '../../components/gate'
import { SearchPick } from '@/shared/ui/search-pick'
import { monthLabel, thisMonth } from '../../labels'
import { checkForm, emptyForm, toInput, type EntryForm } from './entry-form'

const KINDS: ResponsibleKind[] = ['household', 'person', 'section']

/** 新建榜单条目: board, place, who is responsible, what, photos, the clause, the period; red: the reward; black: 显示全名 with a reason. */
export default function CreatePage() {
  return (
    <BoardsPage what='新建榜单条目' committee>
      {(m) => <Create membership={m} />}
    </BoardsPage>
  )
}

function Create({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [form, setForm] = useState<EntryForm>(() => emptyForm(thisMonth()))
  const [checked, setChecked] = useState<Record<string, string>>({})
  const [uploading, setUploading] = useState(false)
  const rules = useQuery(() => getCurrentRules(villageId), [villageId])
  // the road sections already on the boards, offered as chips; a new one is typed
  const ranking = useQuery(() => getRanking(villageId), [villageId])
  const creating = useMutation((draft: boolean) => createEntry(toInput(villageId, form, draft)), {
    success: (e) => (e.status === 'draft' ? '已存为草稿' : e.status === 'notice' ? '已告知当事户' : '已公示'),
    onSuccess: (e) => Taro.redirectTo({ url: pageUrl('boards.entry', { entryId: e.id }) }),
  })

  const clauses = rules.data?.version?.chapters.flatMap((c) => c.clauses) ?? []
  const months = [0, 1, 2].map((i) => beijing().subtract(i, 'month').format('YYYY-MM'))
  const errors = { ...creating.fieldErrors, ...checked }

  const set = <K extends keyof EntryForm>(key: K, value: EntryForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setChecked(({ [key]: _gone, ...rest }) => rest)
    creating.clearField(key)
  }
  const setKind = (kind: ResponsibleKind) => (setForm((f) => ({ ...f, kind, householdId: null, personId: null })), setChecked(({ responsible: _r, ...rest }) => rest))

  async function submit(draft: boolean) {
    const found = checkForm(form)
    setChecked(found)
    if (Object.keys(found).length) return creating.fail('请按提示补全后再提交')
    if (uploading) return creating.fail('照片还在上传，请稍候')
    await creating.run(draft)
  }

  const clause = clauses.find((c) => c.id === form.clauseId)
  return (
    <View>
      <View className='vh-title'>新建榜单条目</View>
      <Card>
        <Field label='榜单' error={errors.board}>
          <Choices label='榜单'>
            {BOARDS.map((b) => (
              <Choice key={b} on={form.board === b} onClick={() => set('board', b)}>
                <Text>{BOARD_LABELS[b]}</Text>
              </Choice>
            ))}
          </Choices>
        </Field>
        {form.board === 'black' && <Text className='vh-muted bd-block'>黑榜条目先告知当事户，告知期满无申诉才公示。</Text>}
        <TextField label='地点' value={form.place} placeholder='路段、巷子或门牌号' maxlength={60} error={errors.place} onChange={(v) => set('place', v)} />
        <TextField label='所属路段（可选，计入路段排名）' value={form.section} placeholder='如：东一巷' maxlength={40} error={errors.section} onChange={(v) => set('section', v)} />
        {!!ranking.data?.length && (
          <Choices label='常用路段'>
            {ranking.data.map((r) => (
              <Choice key={r.section} on={form.section === r.section} onClick={() => set('section', r.section)}>
                <Text>{r.section}</Text>
              </Choice>
            ))}
          </Choices>
        )}
      </Card>
      <Card title='责任方'>
        <Choices label='责任方'>
          {KINDS.map((k) => (
            <Choice key={k} on={form.kind === k} onClick={() => setKind(k)}>
              <Text>{RESPONSIBLE_KIND_LABELS[k]}</Text>
            </Choice>
          ))}
        </Choices>
        {form.kind === 'household' && (
          <SearchPick label='住户' placeholder='输入门牌号或户主姓名' search={householdSearch(villageId)} value={form.householdId} onChange={(id) => set('householdId', id)} />
        )}
        {(form.kind === 'person' || form.kind === 'section') && (
          <SearchPick label={form.kind === 'section' ? '保洁责任人' : '个人'} placeholder='输入姓名或门牌号' search={personSearch(villageId)} value={form.personId} onChange={(id) => set('personId', id)} />
        )}
        {form.kind === 'section' && !form.personId && (
          <TextField label='或填写保洁责任人姓名' value={form.cleanerName} placeholder='不是本村登记的村民时填写' maxlength={20} onChange={(v) => set('cleanerName', v)} />
        )}
        <Alert message={errors.responsible} />
        {form.board === 'black' && form.kind === 'person' && (
          <Field label='显示全名' error={errors.showNameReason}>
            <SwitchRow label='黑榜默认只显示姓氏（陈**），打开则显示全名' checked={form.showName} onChange={(on) => set('showName', on)} />
            {form.showName && (
              <TextField label='显示全名的理由（必填）' value={form.showNameReason} placeholder='如：屡教不改，经村民代表会议决定' maxlength={200} onChange={(v) => set('showNameReason', v)} />
            )}
          </Field>
        )}
      </Card>
      <Card>
        <TextField label='事由' multiline value={form.what} placeholder='看到了什么、做了什么' maxlength={500} error={errors.what} onChange={(v) => set('what', v)} />
        <Field label='照片' error={errors.photos}>
          <PhotoPicker villageId={villageId} value={form.photos} onChange={(v) => set('photos', v)} onBusyChange={setUploading} />
        </Field>
        <Picker mode='selector' range={['不引用', ...clauses.map((c) => `${c.label} ${c.text}`)]} onChange={(e) => set('clauseId', clauses[Number(e.detail.value) - 1]?.id ?? null)}>
          <Row label='依据村规民约'>
            <Text>{clause ? clause.label : rules.data?.version ? '选择条款 ▾' : rules.error ? '没能读取村规民约' : '本村尚无村规民约'}</Text>
          </Row>
        </Picker>
        {clause && <Text className='bd-entry__clause'>{clause.text}</Text>}
        <Picker mode='selector' range={months.map((m) => monthLabel(m))} value={Math.max(0, months.indexOf(form.period))} onChange={(e) => set('period', months[Number(e.detail.value)] ?? form.period)}>
          <Row label='榜单月份'>
            <Text>{monthLabel(form.period)}</Text>
          </Row>
        </Picker>
        {form.board === 'red' && (
          <>
            <TextField label='奖励说明（可选）' value={form.reward} placeholder='如：奖励洗衣液一瓶' maxlength={100} error={errors.reward} onChange={(v) => set('reward', v)} />
            <TextField label='积分（可选）' value={form.points} placeholder='如：10' maxlength={4} error={errors.points} onChange={(v) => set('points', v)} />
          </>
        )}
      </Card>
      <Alert message={creating.error} />
      <Button kind='primary' block loading={creating.pending?.[0] === false} disabled={creating.busy} onClick={() => void submit(false)}>
        {form.board === 'black' ? '发出告知' : '发布上榜'}
      </Button>
      <Button kind='plain' block loading={creating.pending?.[0] === true} disabled={creating.busy} onClick={() => void submit(true)}>
        存为草稿
      </Button>
    </View>
  )
}
