/** 财务公开's CSV import: what Excel and WPS save (BOM or not, CRLF, quotes), and every refusal naming its row and column. */
import { csvRecords, FinanceCsvError, normalDate, parseFinanceCsv, yuanToFen } from '../../cloud/src/features/affairs/finance-csv'

const HEADER = '日期,类别,摘要,收入,支出'

function refusal(text: string): { message: string; row: number | null; column: string | null } {
  try {
    parseFinanceCsv(text)
  } catch (e) {
    if (e instanceof FinanceCsvError) return { message: e.message, row: e.row, column: e.column }
    throw e
  }
  throw new Error('it was accepted')
}

test('a file saved with a BOM and CRLF, quoted summaries with commas and quotes, amounts in yuan with separators', () => {
  const text = `\uFEFF${HEADER}\r\n2026-07-05,发包收入,"鱼塘承包费（东塘，第三季度）",84000,\r\n2026/8/12,村道维修,"新村路硬底化 ""二期""",,"46,000.50"\r\n\r\n`
  expect(parseFinanceCsv(text)).toEqual([
    { date: '2026-07-05', category: '发包收入', summary: '鱼塘承包费（东塘，第三季度）', income: 8_400_000, spending: 0 },
    { date: '2026-08-12', category: '村道维修', summary: '新村路硬底化 "二期"', income: 0, spending: 4_600_050 },
  ])
})

test('columns in another order and no BOM read the same', () => {
  expect(parseFinanceCsv('摘要,支出,收入,类别,日期\n保洁员工资,¥2400,,人员工资,2026.9.30\n')).toEqual([{ date: '2026-09-30', category: '人员工资', summary: '保洁员工资', income: 0, spending: 240_000 }])
})

test('the header: an unknown column, a missing one, a repeated one, each named', () => {
  expect(refusal('日期,类别,说明,收入,支出\n')).toEqual({ message: '第1行第3列“说明”不是本表的列，应为：日期、类别、摘要、收入、支出', row: 1, column: '说明' })
  expect(refusal('日期,类别,摘要,收入\n')).toMatchObject({ message: expect.stringContaining('第1行缺少“支出”列'), column: '支出' })
  expect(refusal('日期,类别,摘要,收入,支出,收入\n')).toMatchObject({ row: 1, column: '收入' })
  expect(refusal('')).toMatchObject({ message: '文件是空的' })
})

test('a bad line is named by its spreadsheet row and column', () => {
  const file = (line: string) => `${HEADER}\n2026-07-05,发包收入,鱼塘承包费,84000,\n${line}\n`
  expect(refusal(file('2026-13-01,村道维修,修路,,100'))).toEqual({ message: '第3行“日期”列：“2026-13-01”不是日期，应为 2026-09-03', row: 3, column: '日期' })
  expect(refusal(file('2026-08-01,村道维修,修路,,一百'))).toMatchObject({ row: 3, column: '支出', message: expect.stringContaining('“一百”不是金额') })
  expect(refusal(file('2026-08-01,,修路,,100'))).toMatchObject({ row: 3, column: '类别' })
  expect(refusal(file('2026-08-01,村道维修,修路,,'))).toMatchObject({ row: 3, column: '收入', message: '第3行“收入”列：收入和支出不能都为空' })
  expect(refusal(file('2026-08-01,村道维修,修路,5,100'))).toMatchObject({ row: 3, column: '支出' })
  expect(refusal(file('2026-08-01,村道维修,修路,东段,,100'))).toMatchObject({ row: 3, message: expect.stringContaining('比表头多') })
  expect(refusal(file('2026-08-01,村道维修,-100,,100'.replace('-100', '"未闭合')))).toMatchObject({ message: expect.stringContaining('引号没有闭合') })
})

test('the pieces: records, amounts, days', () => {
  expect(csvRecords('a,"b\nc",d\r\n\r\ne')).toEqual([['a', 'b\nc', 'd'], ['e']])
  expect([yuanToFen('0.5'), yuanToFen('1,000'), yuanToFen(''), yuanToFen('-5'), yuanToFen('1.234')]).toEqual([50, 100_000, 0, null, null])
  expect([normalDate('2026年9月3日'), normalDate('2026-02-30'), normalDate('26-9-3')]).toEqual(['2026-09-03', null, null])
})
