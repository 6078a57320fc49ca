/** 村务公开's pages: the list marks unread and filters by category, a notice shows its readers to the committee, a bad CSV is named by row and column. */
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { FinanceView, NoticeSummary, NoticeView } from '@contract'
import * as api from '../../src/features/affairs/api'
import { useAccount } from '../../src/features/account/store'
import NoticesPage from '../../src/features/affairs/pages/notices'
import NoticePage from '../../src/features/affairs/pages/notice'
import FinancePage from '../../src/features/affairs/pages/finance'
import PublishPage from '../../src/features/affairs/pages/publish'
import * as picker from '../../src/shared/upload/pick-file'
import * as documents from '../../src/shared/upload/documents'
import { CallError } from '../../src/shared/api/call'
import { router } from './mocks/taro'
import { committee, meAs, resident, V } from './mocks/reports-fixtures'

jest.mock('../../src/features/affairs/api')
jest.mock('../../src/shared/upload/pick-file')
jest.mock('../../src/shared/upload/documents', () => ({ ...jest.requireActual('../../src/shared/upload/documents'), uploadDocument: jest.fn(), openDocument: jest.fn() }))
const mocked = jest.mocked(api)
const pick = jest.mocked(picker)
const docs = jest.mocked(documents)
const taro = jest.mocked(Taro)

const summary = (over: Partial<NoticeSummary> = {}): NoticeSummary => ({
  id: `${V}:n1`,
  category: 'village',
  title: '关于12月停水的通知',
  excerpt: '本周六第一、第二网格停水',
  from: '2026-12-01',
  until: '2026-12-08',
  state: 'current',
  read: false,
  reads: 3,
  thumb: null,
  createdAt: 0,
  ...over,
})
const as = (m: typeof resident) => useAccount.setState({ me: meAs(m), currentVillageId: V, error: null })

beforeEach(() => {
  jest.clearAllMocks()
  router.params = { villageId: V }
  as(resident)
})

test('the list: unread marked, expired ones say so, a category asks again, a notice opens; residents cannot publish', async () => {
  mocked.getNotices.mockResolvedValue({ notices: [summary(), summary({ id: `${V}:n2`, title: '台风防御提示', state: 'expired', read: true })], unread: 1, canPublish: false, next: null })
  render(<NoticesPage />)
  expect(await screen.findByText('1 条公告未读')).toBeTruthy()
  expect(screen.getByText('未读')).toBeTruthy()
  expect(screen.getByText('已过期')).toBeTruthy()
  expect(screen.queryByText('发布公告')).toBeNull()
  fireEvent.click(screen.getByText('财务'))
  expect(mocked.getNotices).toHaveBeenLastCalledWith(V, 'finance', null)
  fireEvent.click(await screen.findByText('关于12月停水的通知'))
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/affairs/pages/notice/index?villageId=${V}&noticeId=${encodeURIComponent(`${V}:n1`)}` })
})

test('a notice: the committee sees 已读 x / y and takes it down with a reason', async () => {
  as(committee)
  router.params = { villageId: V, noticeId: `${V}:n1` }
  const view: NoticeView = { ...summary({ read: true, reads: 12 }), villageId: V, text: '本周六上午8点至下午5点停水，请提前储水。', photos: [], photoUrls: {}, attachments: [], createdByName: '林志强', updatedAt: 0, residents: 40, canEdit: true }
  mocked.getNotice.mockResolvedValue(view)
  mocked.removeNotice.mockResolvedValue({ removed: true })
  render(<NoticePage />)
  expect(await screen.findByText('已读 12 / 40 位村民')).toBeTruthy()
  fireEvent.click(screen.getByText('撤下公告'))
  fireEvent.click(screen.getByText('确认撤下'))
  expect(mocked.removeNotice).toHaveBeenCalledWith(V, `${V}:n1`, '')
})

test('a notice lists its PDF attachments by name and size; 打开 opens the served file', async () => {
  const url = '/files/villages/v/documents/20261201/a.pdf?name=x'
  mocked.getNotice.mockResolvedValue({ ...summary(), villageId: V, text: '停水范围见附件。', photos: [], photoUrls: {}, attachments: [{ fileId: 'local://a.pdf', name: '停水范围图.pdf', size: 1536 * 1024, url }], createdByName: '林志强', updatedAt: 0, residents: null, canEdit: false })
  render(<NoticePage />)
  expect(await screen.findByText('停水范围图.pdf')).toBeTruthy()
  expect(screen.getByText('1.5 MB')).toBeTruthy()
  fireEvent.click(screen.getByText('打开'))
  expect(docs.openDocument).toHaveBeenCalledWith(url)
})

test('publishing with a PDF: a file over 10 MB is refused before it goes up, the server’s refusal is shown, one that uploads is sent by fileId and name', async () => {
  as(committee)
  mocked.publishNotice.mockResolvedValue({ id: `${V}:n9` } as NoticeView)
  render(<PublishPage />)
  pick.pickFile.mockResolvedValueOnce({ path: 'blob:big', name: '全年账本.pdf', size: 11 * 1024 * 1024 })
  fireEvent.click(await screen.findByText('添加PDF附件'))
  expect(await screen.findByText('「全年账本.pdf」超过10MB，请压缩后再添加')).toBeTruthy()
  expect(docs.uploadDocument).not.toHaveBeenCalled()

  pick.pickFile.mockResolvedValueOnce({ path: 'blob:png', name: '照片.pdf', size: 2048 })
  docs.uploadDocument.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '只支持 PDF 文件' }))
  fireEvent.click(screen.getByText('添加PDF附件'))
  expect(await screen.findByText('「照片.pdf」上传失败：只支持 PDF 文件')).toBeTruthy()

  pick.pickFile.mockResolvedValueOnce({ path: 'blob:ok', name: '停水范围图.pdf', size: 36 * 1024 })
  docs.uploadDocument.mockResolvedValueOnce('local://villages/v/documents/20261201/a.pdf')
  fireEvent.click(screen.getByText('添加PDF附件'))
  expect(await screen.findByText('停水范围图.pdf')).toBeTruthy()
  expect(screen.getByText('36 KB')).toBeTruthy()
  expect(screen.queryByText(/上传失败/)).toBeNull()
  expect(docs.uploadDocument).toHaveBeenLastCalledWith(V, 'blob:ok')
  fireEvent.click(screen.getByText('发布并通知村民'))
  await screen.findByText('发布并通知村民')
  expect(mocked.publishNotice).toHaveBeenCalledWith(expect.objectContaining({ attachments: [{ fileId: 'local://villages/v/documents/20261201/a.pdf', name: '停水范围图.pdf' }] }))
  // 移除 takes it off again
  fireEvent.click(screen.getByText('移除'))
  expect(screen.queryByText('停水范围图.pdf')).toBeNull()
})

test('财务公开: totals, a bar per category, and a refused CSV shown by its row and column', async () => {
  as(committee)
  const f: FinanceView = {
    id: `${V}:q3`,
    period: '2026年第三季度',
    lines: [{ date: '2026-07-05', category: '发包收入', summary: '鱼塘承包费', income: 8_400_000, spending: 0 }],
    byCategory: [{ category: '发包收入', income: 8_400_000, spending: 0 }],
    totals: { income: 8_400_000, spending: 0 },
    importedAt: 0,
    importedByName: '陈美玲',
  }
  mocked.getFinance.mockResolvedValue({ periods: [{ id: f.id, period: f.period }], current: f, canImport: true })
  mocked.importFinance.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message: '第3行“支出”列：“十元”不是金额，应为 1234.50', fields: { csv: '第3行“支出”列：“十元”不是金额，应为 1234.50' } }))
  render(<FinancePage />)
  expect(await screen.findByText('收入合计 84,000.00 元 · 支出合计 0.00 元')).toBeTruthy()
  expect(screen.getByText('2026-07-05 发包收入：鱼塘承包费')).toBeTruthy()
  // 问一问 writes to the 书记信箱 about the line
  fireEvent.click(screen.getByText('问一问'))
  expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/features/mailbox/pages/write/index?villageId=${V}&aboutKind=finance&aboutId=${encodeURIComponent(`${V}:q3#1`)}&aboutLabel=${encodeURIComponent('2026年第三季度 2026-07-05 鱼塘承包费')}` })
  fireEvent.click(screen.getByText('导入并公开'))
  expect(await screen.findByText('第3行“支出”列：“十元”不是金额，应为 1234.50')).toBeTruthy()
})

test('财务公开: the accountant’s CSV file picked instead of pasted fills the box, clears the old error, and is what is imported', async () => {
  as(committee)
  mocked.getFinance.mockResolvedValue({ periods: [], current: null, canImport: true })
  mocked.importFinance.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '缺少“支出”列', fields: { csv: '缺少“支出”列' } }))
  const CSV = '日期,类别,摘要,收入,支出\n2026-10-08,发包收入,鱼塘承包费,84000,\n2026-10-20,村道维修,路灯更换,,3600.50\n'
  render(<FinancePage />)
  fireEvent.change(await screen.findByPlaceholderText('如：2026年第四季度'), { target: { value: '2026年第四季度' } })
  fireEvent.click(screen.getByText('导入并公开'))
  expect(await screen.findByText('缺少“支出”列')).toBeTruthy()

  // too large for the import: said at once, nothing read
  pick.pickFile.mockResolvedValueOnce({ path: 'wxfile://big.csv', name: '全年.csv', size: 400_000 })
  fireEvent.click(screen.getByText('选择CSV文件'))
  expect(await screen.findByText('CSV文件过大（不超过300KB）')).toBeTruthy()
  expect(pick.readTextFile).not.toHaveBeenCalled()

  pick.pickFile.mockResolvedValueOnce({ path: 'wxfile://q4.csv', name: '第四季度.csv', size: 120 })
  pick.readTextFile.mockResolvedValueOnce(CSV)
  fireEvent.click(screen.getByText('选择CSV文件'))
  expect(await screen.findByText('已读取「第四季度.csv」，共 2 行收支')).toBeTruthy()
  expect(pick.pickFile).toHaveBeenLastCalledWith('csv')
  expect(pick.readTextFile).toHaveBeenCalledWith('wxfile://q4.csv')
  expect((screen.getByPlaceholderText('或把会计导出的CSV文件内容粘贴到这里') as HTMLTextAreaElement).value).toBe(CSV)
  expect(screen.queryByText('缺少“支出”列')).toBeNull()
  expect(screen.queryByText('CSV文件过大（不超过300KB）')).toBeNull()
  mocked.importFinance.mockResolvedValueOnce({ id: `${V}:q4` } as FinanceView)
  fireEvent.click(screen.getByText('导入并公开'))
  await screen.findByText('导入并公开')
  expect(mocked.importFinance).toHaveBeenLastCalledWith(V, '2026年第四季度', CSV)
})
