import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useState } from 'react'
import { useMutation } from '@/shared/api/use-mutation'
import { Alert, Button, Card } from '@/shared/ui'
import type { CsvFileLike } from './download-csv'
import { downloadCsv, shareCsv } from './download-csv'

export interface CsvExportKind<K extends string> {
  kind: K
  /** the button's text, e.g. 导出计票结果 */
  label: string
  /** cannot be exported yet (the other buttons are disabled anyway while one export runs) */
  disabled?: boolean
}

/**
 * A card of CSV exports, one button per kind (h5: a download; WeChat: a file sent to a chat).
 * In WeChat a file written but not sent (cancelled, or WeChat wanted a fresh tap) leaves a
 * 发送到微信聊天 button. `children` go below the buttons; `lineClassName` spaces the text lines.
 */
export function CsvExportCard<K extends string>({
  title,
  kinds,
  fetch,
  lineClassName,
  children,
}: {
  title: string
  kinds: Array<CsvExportKind<K>>
  /** makes the CSV on the server */
  fetch: (kind: K) => Promise<CsvFileLike & { rows: number }>
  lineClassName?: string
  children?: ReactNode
}) {
  /** weapp: a written file not sent yet; sending needs a tap of its own */
  const [unsent, setUnsent] = useState<{ filePath: string; fileName: string } | null>(null)
  const line = lineClassName ? ` ${lineClassName}` : ''
  const exporting = useMutation(
    async (kind: K) => {
      const file = await fetch(kind)
      return { rows: file.rows, out: await downloadCsv(file) }
    },
    {
      success: ({ rows, out }) => (out.kind === 'saved' ? undefined : out.kind === 'shared' ? '已发送' : `已导出 ${rows} 条`),
      onSuccess: ({ out }) => {
        if (out.kind === 'saved') setUnsent({ filePath: out.filePath, fileName: out.fileName })
      },
    },
  )
  const sending = useMutation((file: { filePath: string; fileName: string }) => shareCsv(file.filePath, file.fileName), {
    onSuccess: (r) => {
      if (r === 'shared') setUnsent(null)
    },
    onError: () => '发送失败，请稍后再试',
  })
  const busy = exporting.pending?.[0]
  const error = exporting.error ?? sending.error

  function run(kind: K) {
    setUnsent(null)
    sending.reset()
    void exporting.run(kind)
  }

  return (
    <Card title={title}>
      <Text className={`vh-muted${line}`}>
        {process.env.TARO_ENV === 'weapp' ? '生成 CSV 表格后可发送到微信聊天，在电脑上用 Excel 打开。' : 'CSV 表格可用 Excel 直接打开。'}
      </Text>
      {kinds.map(({ kind, label, disabled }) => (
        <Button key={kind} loading={busy === kind} disabled={(exporting.busy && busy !== kind) || !!disabled} onClick={() => run(kind)}>
          {label}
        </Button>
      ))}
      {children}
      {unsent && (
        <>
          <Text className={lineClassName}>{`已生成「${unsent.fileName}」`}</Text>
          <Button kind='primary' onClick={() => void sending.run(unsent)}>
            发送到微信聊天
          </Button>
        </>
      )}
      <Alert message={error} />
    </Card>
  )
}
