/** CSV for Excel: UTF-8 with a BOM (so Chinese opens right), CRLF, RFC 4180 quoting, no formula injection. Shared by every feature's export. */
import { ApiError } from '../errors'
import { parseKeyset } from './keyset'

export const BOM = '\uFEFF'

/**
 * One page of an export as the client receives it (every feature's CSV action answers this): the client
 * asks again with `after: next` until `next` is null and joins the pages into one file. Only the first
 * page carries the BOM and the header line, so the pages simply concatenate.
 */
export interface CsvFile {
  filename: string
  /** CSV text: CRLF line ends; on the first page the UTF-8 BOM and the Chinese headers first */
  content: string
  /** data rows on this page */
  rows: number
  /** the cursor of the next page, null on the last */
  next: string | null
  /** the rows of the whole file, when known up front (the client shows 3,000 / 12,000) */
  total?: number
}

/** a cursor the export never gave (or of an export since changed beyond it) */
const badPosition = () => new ApiError('BAD_INPUT', '导出位置有误，请重新导出')

/**
 * An export stored in numbered pages: which page `after` asks for, refused when it is not one of them; and the
 * `next` to answer with it. The first call (no `after`) answers the header alone with `next` '0': it is the one
 * that writes the audit entry (a transaction of its own), so no call carries both the audit and a page of rows.
 */
export function pageOfExport(after: string, pages: number): { page: number; next: string | null } {
  const page = /^\d{1,6}$/.test(after) ? Number(after) : -1
  if (page < 0 || page >= pages) throw badPosition()
  return { page, next: page + 1 < pages ? String(page + 1) : null }
}

/**
 * An export read group by group (a village's grids, the versions of the rules, a town's villages), each group in
 * keyset pages (common/keyset.ts), so that a page costs the same however big the village: the cursor is the JSON
 * `[group]` (its start) or `[group, keyset cursor in it]`. As with pageOfExport, the first call answers the header
 * alone (and writes the audit entry); its `next` is `groupCursor(the first group)`.
 */
export const groupCursor = (group: string | number | null, keyset?: string): string => JSON.stringify(keyset ? [group, keyset] : [group])

/**
 * Where `after` is among `groups`: the group, the keyset cursor in it (undefined: its start) and `next`, the cursor
 * to answer after its page — the rest of this group when the page has a keyset `more` cursor, else the start of the
 * following group (`skip` passes over groups known to be empty), else null. Refused unless it names one of `groups`
 * with a keyset cursor whose value is of the type they are sorted by (`valueType`).
 */
export function groupOfExport<G extends string | number | null>(
  after: string,
  groups: readonly G[],
  valueType: 'number' | 'string',
): { group: G; keyset: string | undefined; next: (more: string | null, skip?: (g: G) => boolean) => string | null } {
  let parsed: unknown
  try {
    parsed = JSON.parse(after)
  } catch {
    throw badPosition()
  }
  if (!Array.isArray(parsed) || (parsed.length !== 1 && parsed.length !== 2)) throw badPosition()
  const [group, keyset] = parsed as [unknown, unknown]
  const index = groups.indexOf(group as G)
  if (index < 0) throw badPosition()
  if (parsed.length === 2 && (typeof keyset !== 'string' || typeof parseKeyset(keyset)?.value !== valueType)) throw badPosition()
  return {
    group: groups[index],
    keyset: keyset as string | undefined,
    next(more, skip) {
      if (more) return groupCursor(groups[index], more)
      const following = groups.slice(index + 1).find((g) => !skip?.(g))
      return following === undefined ? null : groupCursor(following)
    },
  }
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

const lines = (rows: Cell[][]) => rows.map((r) => r.map(csvCell).join(',') + '\r\n').join('')

/** A whole file, or with `first` false a later page of one (its rows only: no BOM, no header). */
export function toCsv(headers: string[], rows: Cell[][], first = true): string {
  return first ? BOM + lines([headers]) + lines(rows) : lines(rows)
}
