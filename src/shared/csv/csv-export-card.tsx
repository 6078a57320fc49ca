import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useState } from 'react'
import { useMutation } from '@/shared/api/use-mutation'
import { Alert, Button, Card } from '@/shared/ui'
import type { CsvFileLike } from './download-csv'
import { downloadCsv, shareCsv } from './download-csv'

/** A page of an export as the server answers it (cloud/src/common/csv.ts): only the first has the BOM and header. */
export interface CsvPageLike extends CsvFileLike {
  rows: number
  /** ask again with this as `after`; null on the last page */
  next: string | null
  /** the rows of the whole file, when the server knows it up front */
  total?: number
}

/** 12,000 (by hand: the mini-program's JS engine may lack the locale data) */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/**
 * Every page of an export, joined into one file (the BOM and header come once, with the first page).
 * `progress` hears the rows so far after each page. A page that fails fails the whole: nothing partial is saved.
 */
export async function fetchAllPages(fetchPage: (after: string | null) => Promise<CsvPageLike>, progress?: (rows: number, total?: number) => void): Promise<CsvFileLike & { rows: number }> {
  const first = await fetchPage(null)
  const parts = [first.content]
  let rows = first.rows
  let next = first.next
  progress?.(rows, first.total)
  while (next !== null) {
    const page = await fetchPage(next)
    // a server that answers the same cursor again would loop for ever
    if (page.next === next) throw new Error('导出出错，请稍后重试')
    parts.push(page.content)
    rows += page.rows
    next = page.next
    progress?.(rows, first.total)
  }
  return { filename: first.filename, content: parts.join(''), rows }
}

export interface CsvExportKind<K extends string> {
  kind: K
  /** the button's text, e.g. 导出计票结果 */
  label: string
  /** cannot be exported yet (the other buttons are disabled anyway while one export runs) */
  disabled?: boolean
}

/**
 * A card of CSV exports, one button per kind (h5: a download; WeChat: a file sent to a chat). A large
 * export comes a page per call: the button counts the rows while the pages come, the file is saved once all have.
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
  /** makes a page of the CSV on the server: `after` is the `next` of the page before (null for the first) */
  fetch: (kind: K, after: string | null) => Promise<CsvPageLike>
  lineClassName?: string
  children?: ReactNode
}) {
  /** weapp: a written file not sent yet; sending needs a tap of its own */
  const [unsent, setUnsent] = useState<{ filePath: string; fileName: string } | null>(null)
  /** rows fetched so far of the export running (and its total when known) */
  const [progress, setProgress] = useState<{ rows: number; total?: number } | null>(null)
  const line = lineClassName ? ` ${lineClassName}` : ''
  const exporting = useMutation(
    async (kind: K) => {
      try {
        const file = await fetchAllPages(
          (after) => fetch(kind, after),
          (rows, total) => setProgress({ rows, total }),
        )
        return { rows: file.rows, out: await downloadCsv(file) }
      } finally {
        setProgress(null)
      }
    },
    {
      success: ({ rows, out }) => (out.kind === 'saved' ? undefined : out.kind === 'shared' ? '已发送' : `已导出 ${count(rows)} 条`),
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
        <Button
          key={kind}
          loading={busy === kind}
          loadingText={progress ? `正在导出 ${count(progress.rows)}${progress.total ? ` / ${count(progress.total)}` : ''} 条` : undefined}
          disabled={(exporting.busy && busy !== kind) || !!disabled}
          onClick={() => run(kind)}
        >
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
