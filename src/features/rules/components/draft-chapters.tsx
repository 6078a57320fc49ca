import { Input, Text, Textarea, View } from '@tarojs/components'
import { askConfirm } from '@/shared/confirm'
import { Button, Card, FieldError, pressable } from '@/shared/ui'
import type { ChapterForm, ClauseForm } from './draft-form'
import { chineseNumber } from '@contract/tables'
import { chapterClausesKey, chapterTitleKey, clauseKey, move, newChapter, newClause } from './draft-form'

type Change = (chapters: ChapterForm[], touched?: string) => void

/** Chapters and their clauses, numbered as they will be published (第N条 runs through the whole version). */
export function DraftChapters({ chapters, errors, onChange }: { chapters: ChapterForm[]; errors: Record<string, string>; onChange: Change }) {
  const setChapter = (ci: number, ch: ChapterForm, touched?: string) => onChange(chapters.map((c, i) => (i === ci ? ch : c)), touched)

  async function removeChapter(ci: number) {
    const ch = chapters[ci]
    const filled = ch.title.trim() || ch.clauses.some((c) => c.text.trim())
    if (filled && !(await askConfirm(`删除第${chineseNumber(ci + 1)}章？`, `「${ch.title || '未命名'}」及其中 ${ch.clauses.length} 条将一起删除。`, '删除'))) return
    onChange(chapters.filter((_, i) => i !== ci))
  }

  let before = 0
  return (
    <View>
      {chapters.map((ch, ci) => {
        const first = before
        before += ch.clauses.length
        return (
          <ChapterEditor
            key={ch.key}
            chapter={ch}
            no={ci + 1}
            firstClauseNo={first + 1}
            isFirst={ci === 0}
            isLast={ci === chapters.length - 1}
            errors={errors}
            onChange={(next, touched) => setChapter(ci, next, touched)}
            onMove={(by) => onChange(move(chapters, ci, by))}
            onRemove={() => void removeChapter(ci)}
          />
        )
      })}
      {chapters.length === 0 && <Text className='vh-muted rules-draft-hint'>还没有任何章节，请先添加一章</Text>}
      <FieldError message={errors.chapters} />
      <Button block onClick={() => onChange([...chapters, newChapter()])}>
        ＋ 添加一章
      </Button>
    </View>
  )
}

function ChapterEditor({
  chapter: ch,
  no,
  firstClauseNo,
  isFirst,
  isLast,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  chapter: ChapterForm
  no: number
  firstClauseNo: number
  isFirst: boolean
  isLast: boolean
  errors: Record<string, string>
  onChange: (ch: ChapterForm, touched?: string) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const setClauses = (clauses: ClauseForm[], touched?: string) => onChange({ ...ch, clauses }, touched ?? chapterClausesKey(ch))

  async function removeClause(ki: number) {
    const c = ch.clauses[ki]
    if (c.text.trim() && !(await askConfirm(`删除第${chineseNumber(firstClauseNo + ki)}条？`, c.text.slice(0, 60), '删除'))) return
    setClauses(ch.clauses.filter((_, i) => i !== ki), clauseKey(c))
  }

  return (
    <Card
      title={`第${chineseNumber(no)}章`}
      extra={
        <View className='rules-draft-tools'>
          {!isFirst && <Tool onClick={() => onMove(-1)}>上移</Tool>}
          {!isLast && <Tool onClick={() => onMove(1)}>下移</Tool>}
          <Tool danger onClick={onRemove}>
            删除本章
          </Tool>
        </View>
      }
    >
      <View className='vh-field'>
        <Input
          className='vh-field__input'
          value={ch.title}
          placeholder='章标题，如：环境卫生'
          maxlength={30}
          onInput={(e) => onChange({ ...ch, title: e.detail.value }, chapterTitleKey(ch))}
        />
        <FieldError message={errors[chapterTitleKey(ch)]} />
      </View>
      {ch.clauses.map((c, ki) => (
        <View key={c.key} className='rules-draft-clause'>
          <View className='rules-draft-clause__head'>
            <Text className='rules-clause__no'>{`第${chineseNumber(firstClauseNo + ki)}条`}</Text>
            {!c.id && <Text className='vh-tag vh-tag--gold'>新增</Text>}
            <View className='rules-draft-tools'>
              {ki > 0 && <Tool onClick={() => setClauses(move(ch.clauses, ki, -1))}>上移</Tool>}
              {ki < ch.clauses.length - 1 && <Tool onClick={() => setClauses(move(ch.clauses, ki, 1))}>下移</Tool>}
              <Tool danger onClick={() => void removeClause(ki)}>
                删除
              </Tool>
            </View>
          </View>
          <Textarea
            className='vh-field__input rules-draft-clause__text'
            value={c.text}
            placeholder='条款内容：一条说一件事，易记、易懂、易行'
            maxlength={300}
            autoHeight
            onInput={(e) => setClauses(ch.clauses.map((k, i) => (i === ki ? { ...k, text: e.detail.value } : k)), clauseKey(c))}
          />
          <FieldError message={errors[clauseKey(c)]} />
        </View>
      ))}
      <FieldError message={errors[chapterClausesKey(ch)]} />
      <Button kind='plain' onClick={() => setClauses([...ch.clauses, newClause()])}>
        ＋ 在本章添加一条
      </Button>
    </Card>
  )
}

function Tool({ children, onClick, danger }: { children: string; onClick: () => void; danger?: boolean }) {
  return (
    <Text className={`rules-draft-tool ${danger ? 'rules-draft-tool--danger' : ''}`} {...pressable(onClick)}>
      {children}
    </Text>
  )
}
