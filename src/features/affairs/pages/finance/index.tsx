import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { FinanceView, MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { Alert, Async, Button, Card, Choice, Choices, Empty, pressable, TextField } from '@/shared/ui'
import { pickFile, readTextFile } from '@/shared/upload/pick-file'
import { getFinance, importFinance } from '../../api'
import { AffairsPage } from '../../components/frame'

/** fen as the accountant writes yuan: 46,000.50 (by hand: not every phone's JavaScript has Intl) */
export const yuan = (fen: number) => `${Math.floor(fen / 100)}`.replace(/\B(?=(\d{3})+$)/g, ',') + `.${String(fen % 100).padStart(2, '0')}`

/** 问一问: a letter to the 书记信箱 about one line, the line as its subject (the mailbox keeps the link) */
const ask = (villageId: string, f: FinanceView, i: number) => {
  const l = f.lines[i]
  const label = `${f.period} ${l.date} ${l.summary}`.slice(0, 60)
  void Taro.navigateTo({ url: pageUrl('mailbox.write', { villageId, aboutKind: 'finance', aboutId: `${f.id}#${i + 1}`, aboutLabel: label }) })
}

/** 财务公开 (?villageId=): a period's income and spending as bars by category and the table; the committee imports a period's CSV. */
export default function FinancePage() {
  return <AffairsPage what='查看财务公开'>{(m) => <Finance membership={m} />}</AffairsPage>
}

/** bars by category, drawn with Views (no chart library in the mini-program): income green, spending red, to one scale */
function Bars({ f }: { f: FinanceView }) {
  const max = Math.max(1, ...f.byCategory.map((c) => Math.max(c.income, c.spending)))
  return (
    <Card title='按类别'>
      {f.byCategory.map((c) => (
        <View key={c.category} style={{ marginBottom: '12px' }}>
          <Text>{`${c.category}  ${c.income ? `收入 ${yuan(c.income)}` : `支出 ${yuan(c.spending)}`}`}</Text>
          <View style={{ height: '12px', borderRadius: '6px', background: c.income ? '#3a9d5d' : '#c8372d', width: `${Math.max(2, Math.round(((c.income || c.spending) / max) * 100))}%` }} />
        </View>
      ))}
    </Card>
  )
}

function Finance({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [periodId, setPeriodId] = useState<string | null>(null)
  const query = useQuery(() => getFinance(villageId, periodId), [villageId, periodId])
  const [period, setPeriod] = useState('')
  const [csv, setCsv] = useState('')
  const [picked, setPicked] = useState<string | null>(null)
  const [pickError, setPickError] = useState<string | null>(null)
  const save = useMutation(() => importFinance(villageId, period, csv), { success: '已导入', onSuccess: (f) => (setPeriodId(f.id), query.reload()) })
  /** the accountant's CSV file (from a WeChat chat, or the computer's disk in the browser) instead of pasting it */
  async function chooseCsv() {
    setPickError(null)
    try {
      const file = await pickFile('csv')
      if (!file) return
      if (file.size > 300_000) return setPickError('CSV文件过大（不超过300KB）')
      const text = await readTextFile(file.path)
      setCsv(text)
      // a new file: the last one's refusal no longer applies
      save.reset()
      setPicked(`已读取「${file.name}」，共 ${text.split(/\r?\n/).filter((l) => l.trim()).length - 1} 行收支`)
    } catch (e) {
      setPickError(e instanceof Error ? e.message : '没能读取文件，请重新选择')
    }
  }
  return (
    <>
      <Async query={query}>
        {(d) => (
          <>
            {d.periods.length > 1 && (
              <Choices label='公开期'>
                {d.periods.map((p) => (
                  <Choice key={p.id} on={d.current?.id === p.id} onClick={() => setPeriodId(p.id)}>
                    {p.period}
                  </Choice>
                ))}
              </Choices>
            )}
            {!d.current ? (
              <Empty text='还没有公开财务收支' />
            ) : (
              <>
                <Card title={d.current.period}>
                  <Text>{`收入合计 ${yuan(d.current.totals.income)} 元 · 支出合计 ${yuan(d.current.totals.spending)} 元`}</Text>
                  <View>
                    <Text className='vh-muted'>{`${d.current.importedByName} 导入 · 对哪一笔有疑问，可以写信到书记信箱`}</Text>
                  </View>
                </Card>
                <Bars f={d.current} />
                <Card title='收支明细'>
                  {d.current.lines.map((l, i) => (
                    <View key={i} className='vh-row'>
                      <Text className='vh-row__label'>{`${l.date} ${l.category}：${l.summary}`}</Text>
                      <View className='vh-row__value'>
                        <Text>{l.income ? `+${yuan(l.income)}` : `-${yuan(l.spending)}`}</Text>
                        <Text style={{ color: '#1f6fb2' }} {...pressable(() => ask(villageId, d.current!, i))}>
                          {' 问一问'}
                        </Text>
                      </View>
                    </View>
                  ))}
                </Card>
              </>
            )}
            {d.canImport && (
              <Card title='导入财务收支（村委会）'>
                <TextField label='公开期间' value={period} maxlength={20} placeholder='如：2026年第四季度' error={save.fieldErrors.period} onChange={setPeriod} />
                <Button block onClick={() => void chooseCsv()}>
                  选择CSV文件
                </Button>
                {picked && <Text className='vh-muted vh-block'>{picked}</Text>}
                <Alert message={pickError} />
                <TextField
                  label='CSV内容（日期,类别,摘要,收入,支出）'
                  value={csv}
                  maxlength={300000}
                  multiline
                  placeholder='或把会计导出的CSV文件内容粘贴到这里'
                  error={save.fieldErrors.csv}
                  onChange={(v) => (setCsv(v), setPicked(null), save.reset())}
                />
                <Alert message={save.fieldErrors.csv ? null : save.error} />
                <Button kind='primary' block loading={save.busy} onClick={() => void save.run()}>
                  导入并公开
                </Button>
              </Card>
            )}
          </>
        )}
      </Async>
    </>
  )
}
