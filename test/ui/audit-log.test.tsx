import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { LinkedAuditEntry } from '../../cloud/src/common/audit'
import * as api from '../../src/features/audit/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import AuditLogPage from '../../src/features/audit/pages/log'
import { henanResident, meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/audit/api')
const mocked = jest.mocked(api)

const entry = (seq: number, over: Partial<LinkedAuditEntry> = {}): LinkedAuditEntry => ({
  _id: `a${seq}`,
  villageId: 'v-xinshan',
  seq,
  actorId: 'p1',
  actorName: '林志强',
  action: 'topics.publish',
  targetType: 'topic',
  targetId: `t${seq}`,
  target: `议题${seq}`,
  reason: null,
  at: Date.UTC(2026, 10, 20 + seq),
  prevHash: '0',
  hash: String(seq),
  ...over,
})

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getAuditActors.mockResolvedValue([
    { id: 'p1', name: '林志强' },
    { id: 'p2', name: '陈美玲' },
  ])
})

test('lists entries newest first with who, what, object and reason; 加载更多 appends the next page', async () => {
  mocked.getAuditLog
    .mockResolvedValueOnce({ entries: [entry(3, { action: 'join.reject', target: '周强（新山村北街99号）', reason: '门牌号不存在', actorName: '陈美玲' }), entry(2)], nextCursor: 2 })
    .mockResolvedValueOnce({ entries: [entry(1, { action: 'topics.draft', target: '村道绿化' })], nextCursor: null })
  render(<AuditLogPage />)
  expect(await screen.findByText('驳回入村申请')).toBeTruthy()
  expect(screen.getByText('周强（新山村北街99号）')).toBeTruthy()
  expect(screen.getByText('理由：门牌号不存在')).toBeTruthy()
  expect(screen.queryByText('村道绿化')).toBeNull()

  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('村道绿化')).toBeTruthy()
  expect(mocked.getAuditLog).toHaveBeenLastCalledWith(expect.objectContaining({ villageId: 'v-xinshan', before: 2 }))
  expect(screen.getByText('共 3 条，已到最早的记录')).toBeTruthy()
  expect(screen.queryByText('加载更多')).toBeNull()
})

test('an entry not yet linked shows 待入链 instead of its number', async () => {
  const { seq: _seq, prevHash: _prev, hash: _hash, ...fields } = entry(4, { action: 'join.reject', target: '刘晓东（新山村东一巷12号）' })
  mocked.getAuditLog.mockResolvedValueOnce({ entries: [{ ...fields, pending: true }, entry(3)], nextCursor: null })
  render(<AuditLogPage />)
  expect(await screen.findByText('刘晓东（新山村东一巷12号）')).toBeTruthy()
  expect(screen.getAllByText('待入链')).toHaveLength(1)
  expect(screen.getByText('#3')).toBeTruthy()
  expect(screen.queryByText('#undefined')).toBeNull()
  expect(screen.queryByText('#4')).toBeNull()
})

test('filters by person, type and dates are sent to the server; none matching says so', async () => {
  mocked.getAuditLog.mockResolvedValueOnce({ entries: [entry(1)], nextCursor: null }).mockResolvedValue({ entries: [], nextCursor: null })
  render(<AuditLogPage />)
  await screen.findByText('议题1')
  await waitFor(() => expect(mocked.getAuditActors).toHaveBeenCalled())
  const [actorPicker, typePicker] = screen.getAllByLabelText('picker-selector')
  fireEvent.change(actorPicker, { target: { value: '2' } })
  await waitFor(() => expect(mocked.getAuditLog).toHaveBeenLastCalledWith(expect.objectContaining({ actorId: 'p2' })))
  fireEvent.change(typePicker, { target: { value: '2' } })
  await waitFor(() => expect(mocked.getAuditLog).toHaveBeenLastCalledWith(expect.objectContaining({ actorId: 'p2', action: 'join.reject' })))
  const [from] = screen.getAllByLabelText('picker-date')
  fireEvent.change(from, { target: { value: '2026-11-01' } })
  await waitFor(() => expect(mocked.getAuditLog).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2026-11-01' })))
  expect(await screen.findByText('没有符合条件的记录')).toBeTruthy()
  fireEvent.click(screen.getByText('清除筛选'))
  await waitFor(() => expect(mocked.getAuditLog).toHaveBeenLastCalledWith({ villageId: 'v-xinshan', limit: 30 }))
})

test('校验记录完整性 shows the result, broken or whole; a load error offers 重试', async () => {
  mocked.getAuditLog.mockRejectedValueOnce(new CallError({ code: 'INTERNAL', message: '服务暂时不可用' })).mockResolvedValue({ entries: [entry(1)], nextCursor: null })
  mocked.verifyAuditLog
    .mockResolvedValueOnce({ ok: false, count: 4, brokenAt: 5, checkedAt: 0, message: '第5条记录的内容被改动过：从第5条起记录不完整，请联系镇街核查' })
    .mockResolvedValueOnce({ ok: true, count: 9, pending: 0, checkedAt: 0, message: '共9条记录，逐条核对无误，没有被改动或删除' })
  render(<AuditLogPage />)
  fireEvent.click(await screen.findByText('重试'))
  await screen.findByText('议题1')
  fireEvent.click(screen.getByText('校验记录完整性'))
  expect(await screen.findByText('不完整')).toBeTruthy()
  expect(screen.getByText(/第5条记录的内容被改动过/)).toBeTruthy()
  fireEvent.click(screen.getByText('校验记录完整性'))
  expect(await screen.findByText('共9条记录，逐条核对无误，没有被改动或删除')).toBeTruthy()
})

test('a resident is told the log is for the committee and the town', () => {
  useAccount.setState({ me: { ...meWithTwoVillages, memberships: [henanResident] }, currentVillageId: 'v-henan', error: null })
  render(<AuditLogPage />)
  expect(screen.getByText('只有居委会成员和镇街干部可以查看操作记录')).toBeTruthy()
  expect(mocked.getAuditLog).not.toHaveBeenCalled()
})
