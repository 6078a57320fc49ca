import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Topic, TopicDetail, TopicStep, VillageKind } from '@contract'
import { TOPIC_STATUS_LABELS } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { Alert, Button, Card, Field, SwitchRow, Tag, TextField } from '@/shared/ui'
import { PhotoGrid, PhotoPicker } from '@/shared/ui/photo-picker'
import { CsvExportCard } from '@/shared/csv/csv-export-card'
import { addTopicUpdate, decideTopic, exportTopicCsv, remindNonVoters } from '../../api'
import { Hint, peopleWord } from '../../components/committee-kit'
import { isUpcoming } from '../../labels'
import { useVillageWords } from '@/features/account/words'

/** 提醒未投票的村民: a notice to everyone (or every 户代表) who has not voted; only while voting is open. */
export function RemindCard({ villageId, topic: t, kind }: { villageId: string; topic: Topic; kind: VillageKind }) {
  const who = t.mode === 'household' ? '户代表' : peopleWord(kind)
  const [done, setDone] = useState<string | null>(null)
  const canRemind = t.status === 'open' && !isUpcoming(t)
  const reminding = useMutation(() => remindNonVoters(villageId, t._id), {
    // the server tells them a batch at a time (the time-driven job): within minutes, not with the answer
    onSuccess: ({ reminded }) => setDone(reminded > 0 ? `已提醒 ${reminded} 位${who}，几分钟内陆续送达` : `没有需要提醒的${who}，大家都已投票`),
  })

  async function remind() {
    if (!(await askConfirm(`提醒未投票的${who}？`, `给还没有投票的${who}各发一条提醒，请他们在 ${formatTime(t.closesAt)} 截止前投票。`, '发送提醒'))) return
    await reminding.run()
  }

  return (
    <Card title='提醒投票'>
      <Hint>{canRemind ? `截止前可以提醒还没有投票的${who}。` : t.status === 'open' ? '投票开始后才能提醒。' : '投票已截止，不能再提醒。'}</Hint>
      <Button block disabled={!canRemind} loading={reminding.busy} onClick={() => void remind()}>
        {`提醒未投票的${peopleWord(kind)}`}
      </Button>
      {done && <Text className='dlb-manage-line dlb-manage-ok'>{done}</Text>}
      <Alert message={reminding.error} />
    </Card>
  )
}

/** The page's detail after a step: the topic, photos and results as answered, the rest (my vote, what I can do) as the page has it. */
const afterStep = (d: TopicDetail, step: TopicStep): TopicDetail => ({ ...d, ...step, countPending: step.countPending })

/** 公布决议: the committee's decision on a closed topic, public once published. */
export function DecideCard({ villageId, detail: d, kind, onDecided }: { villageId: string; detail: TopicDetail; kind: VillageKind; onDecided: (d: TopicDetail) => void }) {
  const { committee } = useVillageWords()
  const [text, setText] = useState('')
  const deciding = useMutation(() => decideTopic(villageId, d.topic._id, text), { success: '决议已公布', onSuccess: (step) => onDecided(afterStep(d, step)) })

  async function decide() {
    if (!(await askConfirm('公布决议？', `决议公布后全体${peopleWord(kind)}都能看到，不能再修改。`, '公布'))) return
    await deciding.run()
  }

  return (
    <Card title='公布决议'>
      <Hint>{d.result ? `表决结果：${d.result.summary}` : `写明表决结果和${committee}据此作出的决定。`}</Hint>
      <TextField
        label='决议内容'
        multiline
        className='dlb-manage-textarea'
        value={text}
        placeholder='如：经表决，同意硬化村东道路，由村委会在明年三月前组织施工，账目按月公开。'
        maxlength={2000}
        error={deciding.fieldErrors.decision}
        onChange={(v) => (setText(v), deciding.clearField('decision'))}
      />
      <Alert message={deciding.error} />
      <Button kind='primary' block loading={deciding.busy} onClick={() => void decide()}>
        公布决议
      </Button>
    </Card>
  )
}

/** The decision, the implementation record (落实进展), and a new update while not done. */
export function ImplementationCard({ villageId, detail: d, onUpdated }: { villageId: string; detail: TopicDetail; onUpdated: (d: TopicDetail) => void }) {
  const t = d.topic
  const [text, setText] = useState('')
  const [done, setDone] = useState(false)
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const adding = useMutation(() => addTopicUpdate({ villageId, topicId: t._id, text, photos, done }), {
    success: done ? '已办结' : '进展已发布',
    onSuccess: (next) => {
      setText('')
      setPhotos([])
      setDone(false)
      onUpdated(afterStep(d, next))
    },
  })

  async function add() {
    if (done && !(await askConfirm('标记为已办结？', '这条进展发布后，议题标记为已办结，不能再添加进展。', '发布'))) return
    await adding.run()
  }

  return (
    <>
      {t.decision && (
        <Card title='决议' extra={<Tag tone='green'>已公布</Tag>}>
          <Text className='dlb-manage-decision'>{t.decision.text}</Text>
          <Hint>{`${t.decision.byName} · ${formatTime(t.decision.at)} 公布`}</Hint>
        </Card>
      )}
      <Card title='落实进展' extra={t.status === 'done' ? <Tag tone='green'>{TOPIC_STATUS_LABELS.done}</Tag> : undefined}>
        {t.updates.length === 0 ? (
          <Hint>还没有落实进展。每办完一步，在这里告诉大家。</Hint>
        ) : (
          <View className='dlb-timeline'>
            {t.updates.map((u) => (
              <View key={u.id} className='dlb-timeline__item'>
                <View className='dlb-timeline__dot' />
                <View className='dlb-timeline__body'>
                  <Text className='vh-muted'>{`${formatTime(u.at)} · ${u.byName}`}</Text>
                  {u.done && <Tag tone='green'>{TOPIC_STATUS_LABELS.done}</Tag>}
                  <Text className='dlb-timeline__text'>{u.text}</Text>
                  <PhotoGrid ids={u.photos} urls={d.photoUrls} />
                </View>
              </View>
            ))}
          </View>
        )}
        {t.status === 'decided' && (
          <View className='dlb-manage-update'>
            <TextField
              label='新的进展'
              multiline
              className='dlb-manage-textarea'
              value={text}
              placeholder='这一步做了什么，如：已完成招标，12月10日开工。'
              maxlength={1000}
              error={adding.fieldErrors.text}
              onChange={(v) => (setText(v), adding.clearField('text'))}
            />
            <Field label='照片'>
              <PhotoPicker villageId={villageId} value={photos} onChange={setPhotos} max={9} onBusyChange={setUploading} />
            </Field>
            <SwitchRow label='已办结（这是最后一条进展）' checked={done} onChange={setDone} />
            <Alert message={adding.error} />
            <Button kind='primary' block loading={adding.busy} disabled={uploading} onClick={() => void add()}>
              发布进展
            </Button>
          </View>
        )}
      </Card>
    </>
  )
}

/** The tally and the turnout as CSV (h5: a download; WeChat: a file sent to a chat). */
export function ExportCard({ villageId, detail: d }: { villageId: string; detail: TopicDetail }) {
  const sealed = d.tally === null && d.topic.status === 'open'
  return (
    <CsvExportCard
      title='导出表格'
      kinds={[
        { kind: 'tally', label: '导出计票结果', disabled: sealed },
        { kind: 'turnout', label: '导出参与情况' },
      ]}
      fetch={(kind, after) => exportTopicCsv(villageId, d.topic._id, kind, after)}
      lineClassName='dlb-manage-line'
    >
      {sealed && <Hint>本议题截止后公布票数，截止后才能导出计票结果。</Hint>}
    </CsvExportCard>
  )
}
