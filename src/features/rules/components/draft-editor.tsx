import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { RuleVersionDetail, VillageCard } from '@contract'
import { adoptionMeetings, RULE_VERSION_LABELS, rulesWord } from '@contract/tables'
import { CallError } from '@/shared/api/call'
import { Alert, Button, Card, FieldError, Tag } from '@/shared/ui'
import { askConfirm } from '@/shared/confirm'
import { useDraftSave, useLeaveGuard } from '@/shared/use-draft-save'
import { pageUrl } from '@/routes'
import { discardRulesDraft, publishRules, saveRulesDraft } from '../api'
import { DraftAdoption } from './draft-adoption'
import { DraftChapters } from './draft-chapters'
import type { DraftForm } from './draft-form'
import { adoptIds, checkForm, keyErrors, toForm, toInput } from './draft-form'
import { DraftReview } from './draft-review'
import { useVillageWords } from '@/features/account/words'

const without = (errors: Record<string, string>, key?: string) => {
  if (!key || !(key in errors)) return errors
  const { [key]: _gone, ...rest } = errors
  return rest
}

/**
 * The committee's editor for the next version. What is typed stays in the form until it is saved;
 * a refused save keeps it, and shows the server's reasons beside the fields.
 */
export function DraftEditor({
  village,
  initial,
  number,
  onDiscarded,
}: {
  village: VillageCard
  /** the saved draft; null: a blank first version not saved yet */
  initial: RuleVersionDetail | null
  /** the number the draft will have */
  number: number
  onDiscarded: () => void
}) {
  const { committee } = useVillageWords()
  const word = rulesWord(village.kind)
  const [detail, setDetail] = useState(initial)
  const [form, setFormState] = useState<DraftForm>(() => toForm(initial, `${village.name}${word}`))
  const formRef = useRef(form)
  const [dirty, setDirty] = useState(!initial)
  useLeaveGuard(dirty, '草稿有修改尚未保存，确定离开吗？')
  /** save() gives the saved draft, or null */
  const { errors, setErrors, formError, setFormError, busy, run, save, onSave } = useDraftSave({
    formRef,
    check: checkForm,
    keyErrors,
    send: async (sent: DraftForm) => {
      const saved = await saveRulesDraft(toInput(sent, village.id, detail?.id))
      const unchanged = formRef.current === sent
      let next = adoptIds(formRef.current, sent, saved)
      if (!next.title.trim()) next = { ...next, title: saved.title }
      formRef.current = next
      setFormState(next)
      setDetail(saved)
      setDirty(!unchanged)
      return saved
    },
  })

  function edit(next: DraftForm, touched?: string) {
    formRef.current = next
    setFormState(next)
    setDirty(true)
    setErrors((e) => without(e, touched))
  }

  const onPublish = () =>
    void run('publish', async () => {
      const draft = dirty || !detail ? await save() : detail
      if (!draft) return
      const problems = draft.problems ?? []
      if (problems.length) {
        setErrors(keyErrors(Object.fromEntries(problems.map((p) => [p.field, p.message])), formRef.current))
        setFormError(`还有 ${problems.length} 处需要完善才能发布，请看下方“发布前检查”`)
        return
      }
      const ok = await askConfirm(
        `发布第${draft.number}版？`,
        `发布后不能再修改，全体居民需要重新阅读并承诺遵守。请确认内容已经${draft.adoption.meeting ?? '会议'}表决通过。`,
        '发布',
      )
      if (!ok) return
      let published
      try {
        published = await publishRules(village.id, draft.id)
      } catch (e) {
        if (!(e instanceof CallError && e.code === 'BAD_INPUT' && e.fields)) throw e
        const fields = e.fields
        setDetail((d) => (d ? { ...d, problems: Object.entries(fields).map(([field, message]) => ({ field, message })) } : d))
        setErrors(keyErrors(fields, formRef.current))
        return setFormError(`暂不能发布：${e.message}`)
      }
      setDirty(false)
      Taro.showToast({ title: `第${published.number}版已发布`, icon: 'success' })
      await Taro.redirectTo({ url: pageUrl('rules.read') })
    })

  async function onDiscard() {
    const ok = await askConfirm('放弃这份草稿？', `草稿中的全部内容将被删除，不能恢复；现行的${word}不受影响。`, '放弃草稿')
    if (!ok) return
    await run('discard', async () => {
      if (detail) await discardRulesDraft(village.id, detail.id)
      setDirty(false)
      Taro.showToast({ title: '草稿已删除', icon: 'success' })
      onDiscarded()
    })
  }

  return (
    <View>
      <View className='vh-title'>{`起草第${number}版${word}`}</View>
      <View className='rules-draft-meta'>
        <Tag tone='gold'>{RULE_VERSION_LABELS.draft}</Tag>
        <Text className='vh-muted'>{detail?.basedOn ? `以第${detail.basedOn}版为底稿` : '从空白开始'}</Text>
        {dirty && <Tag tone='red'>有未保存的修改</Tag>}
      </View>
      <Text className='vh-muted rules-draft-hint'>{`草稿只有${committee}成员能看到，发布后全体居民可见。`}</Text>

      <Card title='标题'>
        <Input className='vh-field__input' value={form.title} placeholder={`如：${village.name}${word}`} maxlength={40} onInput={(e) => edit({ ...form, title: e.detail.value }, 'title')} />
        <FieldError message={errors.title} />
      </Card>

      <DraftChapters chapters={form.chapters} errors={errors} onChange={(chapters, touched) => edit({ ...form, chapters }, touched ?? 'chapters')} />

      <DraftAdoption
        effectiveDate={form.effectiveDate}
        adoption={form.adoption}
        meetings={adoptionMeetings(village.kind)}
        errors={errors}
        onEffectiveDate={(effectiveDate) => edit({ ...form, effectiveDate }, 'effectiveDate')}
        onAdoption={(adoption, touched) => edit({ ...form, adoption }, touched)}
      />

      <Alert message={formError} />
      {Object.keys(errors).filter((k) => !isShown(k)).map((k) => (
        <FieldError key={k} message={errors[k]} />
      ))}
      <View className='rules-draft-actions'>
        <Button loading={busy === 'save'} disabled={!!busy && busy !== 'save'} onClick={onSave}>
          保存草稿
        </Button>
        <Button kind='primary' loading={busy === 'publish'} disabled={!!busy && busy !== 'publish'} onClick={onPublish}>
          发布
        </Button>
        <Button kind='danger' loading={busy === 'discard'} disabled={!!busy && busy !== 'discard'} onClick={onDiscard}>
          放弃草稿
        </Button>
      </View>

      <DraftReview detail={detail} dirty={dirty} />
    </View>
  )
}

/** errors the form shows beside a field; any other (e.g. versionId) is listed above the buttons */
function isShown(key: string): boolean {
  return key === 'title' || key === 'chapters' || key === 'effectiveDate' || key.startsWith('adoption') || key.startsWith('chapter:') || key.startsWith('clause:')
}
