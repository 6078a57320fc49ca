import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { MembershipView, TopicDetail } from '@contract'
import { TOPIC_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { dayText, ymd } from '@/shared/time'
import { Alert, Button, Card, Choice, Choices as ChoiceGroup, Field, FieldError, pressable, Row, Tag, TextField } from '@/shared/ui'
import { PhotoPicker } from '@/shared/ui/photo-picker'
import { askConfirm } from '@/shared/confirm'
import { useDraftSave, useLeaveGuard } from '@/shared/use-draft-save'
import { discardTopic, publishTopic, saveTopic } from '../../api'
import { Hint, KIND_TEXT, modeText, peopleWord, RESULTS_TEXT } from '../../components/committee-kit'
import type { TopicForm } from './topic-form'
import { checkForm, keyErrors, MAX_OPTIONS, MIN_OPTIONS, newOption, optionKey, toInput, whenText } from './topic-form'
import { useVillageWords } from '@/features/account/words'

/** errors shown beside a field; any other (e.g. topicId) is listed above the buttons */
const SHOWN = new Set(['title', 'background', 'photos', 'question', 'kind', 'options', 'maxChoices', 'mode', 'results', 'opensAt', 'closesAt'])
const isShown = (key: string) => SHOWN.has(key) || key.startsWith('option:')

const without = (errors: Record<string, string>, keys: string[]) => {
  if (!keys.some((k) => k in errors)) return errors
  const rest = { ...errors }
  for (const k of keys) delete rest[k]
  return rest
}

/**
 * The committee's topic editor. What is typed stays in the form until it is saved; a refused save
 * keeps it and shows the server's reasons beside the fields. 发布 saves first, asks, then publishes.
 */
export function TopicEditor({
  membership,
  initial,
  saved,
  proposal,
}: {
  membership: MembershipView
  initial: TopicForm
  /** the saved draft being edited; absent for a new topic */
  saved?: TopicDetail
  proposal?: { id: string; title: string; proposerName: string } | null
}) {
  const { committee } = useVillageWords()
  const villageId = membership.villageId
  const kind = membership.village.kind
  const people = peopleWord(kind)
  const [form, setFormState] = useState(initial)
  const formRef = useRef(form)
  const [topicId, setTopicId] = useState(saved?.topic._id)
  const [dirty, setDirty] = useState(false)
  const [uploading, setUploading] = useState(false)
  useLeaveGuard(dirty, '议题有修改尚未保存，确定离开吗？')
  /** save() gives the saved topic's id, or null */
  const { errors, setErrors, formError, setFormError, busy, run, save, onSave } = useDraftSave({
    formRef,
    check: checkForm,
    keyErrors,
    send: async (sent: TopicForm) => {
      const detail = await saveTopic(toInput(sent, villageId, topicId))
      setTopicId(detail.topic._id)
      setDirty(formRef.current !== sent)
      return detail.topic._id
    },
  })

  function edit(patch: Partial<TopicForm>, ...touched: string[]) {
    const next = { ...formRef.current, ...patch }
    formRef.current = next
    setFormState(next)
    setDirty(true)
    setErrors((e) => without(e, touched))
  }

  const onPublish = () =>
    void run('publish', async () => {
      const id = dirty || !topicId ? await save() : topicId
      if (!id) return
      const f = formRef.current
      const mode = modeText(f.mode, kind)
      const ok = await askConfirm(
        '发布这个议题？',
        `${mode.label}：${mode.hint}；${RESULTS_TEXT[f.results].label}。投票从 ${whenText(f.opensDate, f.opensTime)} 到 ${whenText(f.closesDate, f.closesTime)}。发布后议题内容不能再修改。`,
        '发布',
      )
      if (!ok) return
      try {
        await publishTopic(villageId, id)
      } catch (e) {
        if (!(e instanceof CallError)) throw e
        if (e.fields) setErrors(keyErrors(e.fields, formRef.current))
        return setFormError(`暂不能发布：${e.message}`)
      }
      if (process.env.TARO_ENV === 'weapp') Taro.disableAlertBeforeUnload()
      Taro.showToast({ title: '议题已发布', icon: 'success' })
      await Taro.redirectTo({ url: pageUrl('deliberation.topic', { topicId: id }) })
    })

  async function onDiscard() {
    if (!topicId) return
    const ok = await askConfirm('删除这份草稿？', '草稿的全部内容将被删除，不能恢复。', '删除')
    if (!ok) return
    await run('discard', async () => {
      await discardTopic(villageId, topicId)
      if (process.env.TARO_ENV === 'weapp') Taro.disableAlertBeforeUnload()
      Taro.showToast({ title: '草稿已删除', icon: 'success' })
      await Taro.navigateBack().catch(() => Taro.switchTab({ url: pageUrl('topics') }))
    })
  }

  function setOption(i: number, label: string) {
    const o = form.options[i]
    edit({ options: form.options.map((x, j) => (j === i ? { ...x, label } : x)) }, optionKey(o), 'options')
  }
  function removeOption(i: number) {
    const options = form.options.filter((_, j) => j !== i)
    edit({ options, maxChoices: Math.min(form.maxChoices, options.length) }, optionKey(form.options[i]), 'options', 'maxChoices')
  }

  const today = ymd()
  return (
    <View>
      <View className='vh-title'>{topicId ? '编辑议题草稿' : '发布议题'}</View>
      <View className='dlb-edit-meta'>
        <Tag tone={topicId ? 'gold' : 'grey'}>{topicId ? TOPIC_STATUS_LABELS.draft : '新议题'}</Tag>
        {dirty && <Tag tone='red'>有未保存的修改</Tag>}
      </View>
      <Hint>{`草稿只有${committee}成员能看到；发布后全体${people}都能看到并投票。`}</Hint>

      {proposal && (
        <Card title={`来自${people}提议`}>
          <Text>{`「${proposal.title}」`}</Text>
          <Hint>{`${proposal.proposerName} 提议。发布后，提议人和联署的${people}会看到它已安排表决。`}</Hint>
        </Card>
      )}

      <Card title='议题'>
        <TextField label='标题' value={form.title} placeholder='如：村东道路硬化方案（4至40个字）' maxlength={40} error={errors.title} onChange={(title) => edit({ title }, 'title')} />
        <TextField
          label='背景说明'
          multiline
          className='dlb-edit-textarea'
          value={form.background}
          placeholder='为什么要议这件事，大家需要知道哪些情况（选填）'
          maxlength={2000}
          error={errors.background}
          onChange={(background) => edit({ background }, 'background')}
        />
        <Field label='背景照片' error={errors.photos}>
          <PhotoPicker villageId={villageId} value={form.photos} urls={saved?.photoUrls} max={9} onChange={(photos) => edit({ photos }, 'photos')} onBusyChange={setUploading} />
        </Field>
        <TextField
          label='表决事项'
          multiline
          className='dlb-edit-textarea'
          value={form.question}
          placeholder='请大家表决的一句话，如：是否同意用村集体收入硬化村东道路？'
          maxlength={200}
          error={errors.question}
          onChange={(question) => edit({ question }, 'question')}
        />
      </Card>

      <Card title='怎样表决'>
        <Field label='表决方式' error={errors.kind}>
          <Choices label='表决方式' value={form.kind} items={(['yesno', 'choice'] as const).map((k) => ({ value: k, ...KIND_TEXT[k] }))} onChange={(k) => edit({ kind: k }, 'kind', 'options', 'maxChoices')} />
        </Field>
        {form.kind === 'choice' && (
          <>
            <Field label='选项' error={errors.options}>
              {form.options.map((o, i) => (
                <View key={o.key} className='dlb-edit-option'>
                  <View className='dlb-edit-option__row'>
                    <Text className='dlb-edit-option__no'>{`${i + 1}.`}</Text>
                    <Input className='vh-field__input dlb-edit-option__input' value={o.label} placeholder={`选项${i + 1}`} maxlength={40} onInput={(e) => setOption(i, e.detail.value)} />
                    {form.options.length > MIN_OPTIONS && (
                      <Text className='dlb-edit-tool' {...pressable(() => removeOption(i))}>
                        删除
                      </Text>
                    )}
                  </View>
                  <FieldError message={errors[optionKey(o)]} />
                </View>
              ))}
              {form.options.length < MAX_OPTIONS && (
                <Button kind='plain' onClick={() => edit({ options: [...form.options, newOption()] }, 'options')}>
                  ＋ 添加选项
                </Button>
              )}
            </Field>
            <Field label='每人最多可选' error={errors.maxChoices}>
              <ChoiceGroup label='每人最多可选'>
                {form.options.map((_, i) => (
                  <Choice key={i} on={form.maxChoices === i + 1} onClick={() => edit({ maxChoices: i + 1 }, 'maxChoices')}>
                    {i === 0 ? '只选1项' : `最多选${i + 1}项`}
                  </Choice>
                ))}
              </ChoiceGroup>
            </Field>
          </>
        )}
        {form.kind === 'yesno' && <Hint>{`每位投票人在 赞成 / 反对 / 弃权 中选一项；赞成票超过参与人数的一半才算通过。`}</Hint>}
      </Card>

      <Card title='谁来投票'>
        <Field error={errors.mode}>
          <Choices label='按人还是按户表决' value={form.mode} items={(['person', 'household'] as const).map((m) => ({ value: m, ...modeText(m, kind) }))} onChange={(m) => edit({ mode: m }, 'mode')} />
        </Field>
        {topicId && (
          <>
            <Row label='核对选民名册' onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.roll', { topicId }) })} />
            <Hint>{dirty ? '名册按已保存的表决方式列出；改了按人或按户，请先保存草稿。' : '发布前可以移出或加入，须写明理由；发布时名册固定。'}</Hint>
          </>
        )}
      </Card>

      <Card title='票数公开'>
        <Field error={errors.results}>
          <Choices label='票数何时公布' value={form.results} items={(['live', 'sealed'] as const).map((r) => ({ value: r, ...RESULTS_TEXT[r] }))} onChange={(r) => edit({ results: r }, 'results')} />
        </Field>
      </Card>

      <Card title='投票时间'>
        <DateTimeField
          label='开始时间'
          date={form.opensDate}
          time={form.opensTime}
          error={errors.opensAt}
          start={today}
          onDate={(v) => edit({ opensDate: v }, 'opensAt', 'closesAt')}
          onTime={(v) => edit({ opensTime: v }, 'opensAt', 'closesAt')}
        />
        <DateTimeField
          label='截止时间'
          date={form.closesDate}
          time={form.closesTime}
          error={errors.closesAt}
          start={today}
          onDate={(v) => edit({ closesDate: v }, 'closesAt')}
          onTime={(v) => edit({ closesTime: v }, 'closesAt')}
        />
        <Hint>按北京时间。开始时间已过的，发布后立即开始投票；到截止时间自动截止。</Hint>
      </Card>

      <Alert message={formError} />
      {Object.keys(errors)
        .filter((k) => !isShown(k))
        .map((k) => (
          <FieldError key={k} message={errors[k]} />
        ))}
      <View className='dlb-edit-actions'>
        <Button loading={busy === 'save'} disabled={(!!busy && busy !== 'save') || uploading} onClick={onSave}>
          保存草稿
        </Button>
        <Button kind='primary' loading={busy === 'publish'} disabled={(!!busy && busy !== 'publish') || uploading} onClick={onPublish}>
          发布
        </Button>
        {topicId && (
          <Button kind='danger' loading={busy === 'discard'} disabled={!!busy && busy !== 'discard'} onClick={onDiscard}>
            删除草稿
          </Button>
        )}
      </View>
    </View>
  )
}

/** One of a few choices, each with a line saying what it means. */
function Choices<T extends string>({ label, value, items, onChange }: { label: string; value: T; items: Array<{ value: T; label: string; hint: string }>; onChange: (v: T) => void }) {
  return (
    <ChoiceGroup label={label} className='dlb-choices'>
      {items.map((it) => (
        <Choice key={it.value} on={value === it.value} className='dlb-choice' onClassName='dlb-choice--on' onClick={() => onChange(it.value)}>
          <View className='dlb-choice__head'>
            <Text className='dlb-choice__mark'>{value === it.value ? '◉' : '○'}</Text>
            <Text className='dlb-choice__label'>{it.label}</Text>
          </View>
          <Text className='dlb-choice__hint'>{it.hint}</Text>
        </Choice>
      ))}
    </ChoiceGroup>
  )
}

/** A day (WeChat's date picker) and a time (its time picker), Beijing time. */
function DateTimeField({
  label,
  date,
  time,
  error,
  start,
  onDate,
  onTime,
}: {
  label: string
  date: string
  time: string
  error?: string
  start: string
  onDate: (v: string) => void
  onTime: (v: string) => void
}) {
  return (
    <View className='vh-field'>
      <Text className='vh-field__label'>{label}</Text>
      <View className='dlb-edit-when'>
        <Picker mode='date' value={date} start={start} onChange={(e) => onDate(String(e.detail.value))}>
          <View className='vh-field__input dlb-edit-when__date'>{date ? dayText(date) : '请选择日期'}</View>
        </Picker>
        <Picker mode='time' value={time} onChange={(e) => onTime(String(e.detail.value))}>
          <View className='vh-field__input dlb-edit-when__time'>{time || '请选择时间'}</View>
        </Picker>
      </View>
      <FieldError message={error} />
    </View>
  )
}
