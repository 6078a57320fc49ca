/** CSV for Excel: UTF-8 with a BOM (so Chinese opens right), CRLF, RFC 4180 quoting, no formula injection. Shared by every feature's export. */

export const BOM = '\uFEFF'

/** An export as the client receives it (every feature's CSV action answers this). */
export interface CsvFile {
  filename: string
  /** CSV text: UTF-8 BOM, Chinese headers, CRLF line ends */
  content: string
  rows: number
}

export type Cell = string | number | boolean | null | undefined

/**
 * One field. Quoted when it holds a comma, quote, CR or LF (quotes doubled). A text that Excel would
 * read as a formula (= + - @ at the start) gets a leading apostrophe, so a name cannot run code.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  let s = typeof value === 'boolean' ? (value ? '是' : '否') : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(headers: string[], rows: Cell[][]): string {
  return BOM + [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
