/**
 * 财务公开's import: the accountant's CSV of a period's income and spending, as Excel or WPS saves it (UTF-8 with or
 * without a BOM, CRLF or LF, RFC 4180 quoting). The header names the columns 日期,类别,摘要,收入,支出 in any order;
 * amounts in yuan (1,234.50 or ¥1234.5) become fen. A problem is named by its row (the spreadsheet's row number,
 * the header being row 1) and column, so the accountant can find it.
 */

export const FINANCE_COLUMNS = ['日期', '类别', '摘要', '收入', '支出'] as const
type Column = (typeof FINANCE_COLUMNS)[number]

export interface FinanceLine {
  /** YYYY-MM-DD */
  date: string
  category: string
  summary: string
  /** fen */
  income: number
  /** fen */
  spending: number
}

export class FinanceCsvError extends Error {
  constructor(
    message: string,
    readonly row: number | null,
    readonly column: string | null,
  ) {
    super(message)
  }
}

export const MAX_FINANCE_LINES = 2000

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks */
export function csvRecords(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '')
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += c
  }
  if (quoted) throw new FinanceCsvError(`第${records.length + 1}行：引号没有闭合`, records.length + 1, null)
  if (field !== '' || record.length) {
    record.push(field)
    records.push(record)
  }
  // blank lines (a trailing newline, an empty row Excel kept) say nothing
  return records.filter((r) => r.some((f) => f.trim() !== ''))
}

/** '1,234.50', '¥1234.5', '' -> fen; null when it is no amount */
export function yuanToFen(raw: string): number | null {
  const s = raw.trim().replace(/^[¥￥]/, '').replace(/,/g, '')
  if (s === '' || s === '-') return 0
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null
  const [yuan, fen = ''] = s.split('.')
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'))
}

/** 2026-09-03, 2026/9/3 or 2026.9.3 -> 2026-09-03; null when it is no calendar day */
export function normalDate(raw: string): string | null {
  const m = /^(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function parseFinanceCsv(text: string): FinanceLine[] {
  const records = csvRecords(text)
  if (records.length === 0) throw new FinanceCsvError('文件是空的', null, null)
  const header = records[0].map((h) => h.trim())
  for (const [i, h] of header.entries()) {
    if (!(FINANCE_COLUMNS as readonly string[]).includes(h)) throw new FinanceCsvError(`第1行第${i + 1}列“${h}”不是本表的列，应为：${FINANCE_COLUMNS.join('、')}`, 1, h)
    if (header.indexOf(h) !== i) throw new FinanceCsvError(`第1行：“${h}”列出现了两次`, 1, h)
  }
  const missing = FINANCE_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length) throw new FinanceCsvError(`第1行缺少“${missing.join('”“')}”列，应为：${FINANCE_COLUMNS.join('、')}`, 1, missing[0])
  if (records.length - 1 > MAX_FINANCE_LINES) throw new FinanceCsvError(`一次最多导入${MAX_FINANCE_LINES}行`, null, null)
  const at = Object.fromEntries(FINANCE_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Column, number>
  return records.slice(1).map((r, i) => {
    const row = i + 2
    const cell = (c: Column) => (r[at[c]] ?? '').trim()
    const bad = (c: Column, why: string): never => {
      throw new FinanceCsvError(`第${row}行“${c}”列：${why}`, row, c)
    }
    if (r.length > header.length) bad(FINANCE_COLUMNS[0], `这一行有${r.length}列，比表头多（摘要里的逗号请用引号括起来）`)
    const date = normalDate(cell('日期')) ?? bad('日期', `“${cell('日期')}”不是日期，应为 2026-09-03`)
    const category = cell('类别') || bad('类别', '请填写类别')
    const summary = cell('摘要') || bad('摘要', '请填写摘要')
    if (Array.from(category).length > 20) bad('类别', '不超过20个字')
    if (Array.from(summary).length > 100) bad('摘要', '不超过100个字')
    const income = yuanToFen(cell('收入')) ?? bad('收入', `“${cell('收入')}”不是金额，应为 1234.50`)
    const spending = yuanToFen(cell('支出')) ?? bad('支出', `“${cell('支出')}”不是金额，应为 1234.50`)
    if (income === 0 && spending === 0) bad('收入', '收入和支出不能都为空')
    if (income > 0 && spending > 0) bad('支出', '一行只记收入或支出中的一项')
    return { date, category, summary, income, spending }
  })
}
