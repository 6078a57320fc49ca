import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { errorMessage } from '@/shared/api/call'
import { Button, Card, FieldError } from '@/shared/ui'
import { exportRulesCsv } from '../../api'
import { downloadCsv, shareCsv } from '../../components/download-csv'

type Kind = 'followUp' | 'agreements'
const LABELS: Record<Kind, string> = { followUp: '导出未承诺名单', agreements: '导出承诺记录' }

/** Committee: the follow-up list and the agreement records as CSV (opens in Excel). */
export function ExportCard({ villageId }: { villageId: string }) {
  const [busy, setBusy] = useState<Kind | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** weapp: a written file not sent yet; sending needs a tap of its own */
  const [unsent, setUnsent] = useState<{ filePath: string; fileName: string } | null>(null)

  async function run(kind: Kind) {
    setBusy(kind)
    setError(null)
    setUnsent(null)
    try {
      const file = await exportRulesCsv(villageId, kind)
      const out = await downloadCsv(file)
      if (out.kind === 'saved') setUnsent({ filePath: out.filePath, fileName: out.fileName })
      else Taro.showToast({ title: out.kind === 'shared' ? '已发送' : `已导出 ${file.rows} 条`, icon: 'success' })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  async function send() {
    if (!unsent) return
    try {
      if ((await shareCsv(unsent.filePath, unsent.fileName)) === 'shared') setUnsent(null)
    } catch {
      setError('发送失败，请稍后再试')
    }
  }

  return (
    <Card title='导出表格'>
      <Text className='vh-muted rules-fu-hint'>
        {process.env.TARO_ENV === 'weapp' ? '生成 CSV 表格后可发送到微信聊天，在电脑上用 Excel 打开。' : 'CSV 表格可用 Excel 直接打开。'}
      </Text>
      {(Object.keys(LABELS) as Kind[]).map((k) => (
        <Button key={k} loading={busy === k} disabled={!!busy && busy !== k} onClick={() => void run(k)}>
          {LABELS[k]}
        </Button>
      ))}
      {unsent && (
        <>
          <Text className='rules-fu-hint'>{`已生成「${unsent.fileName}」`}</Text>
          <Button kind='primary' onClick={() => void send()}>
            发送到微信聊天
          </Button>
        </>
      )}
      <FieldError message={error ?? undefined} />
    </Card>
  )
}
