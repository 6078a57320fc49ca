import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { FollowUpHousehold, MembershipView, RulesFollowUp } from '@contract'
import * as api from '../../src/features/rules/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import FollowUpPage from '../../src/features/rules/pages/follow-up'
import { downloadCsv } from '../../src/shared/csv/download-csv'
import { meWithTwoVillages, xinshanCommittee } from './fixtures'

jest.mock('../../src/features/rules/api')
const mocked = jest.mocked(api)

const east: FollowUpHousehold = {
  householdId: 'h1',
  doorplate: '新山村东一巷12号',
  headName: '林水生',
  residents: 2,
  householdAgreed: false,
  pending: [
    { personId: 'p7', name: '林水生', relation: '户主', agreedVersion: 1, agreedAt: 0 },
    { personId: 'p8', name: '陈秀英', relation: '配偶', agreedVersion: null, agreedAt: null },
  ],
}
const west: FollowUpHousehold = {
  householdId: 'h2',
  doorplate: '新山村西三巷5号',
  headName: '黄大海',
  residents: 3,
  householdAgreed: true,
  pending: [{ personId: 'p9', name: '黄小明', relation: '子女', agreedVersion: null, agreedAt: null }],
}
const followUp: RulesFollowUp = {
  version: { id: 'v-xinshan:v2', number: 2, title: '新山村村规民约' },
  grids: [
    { gridId: 'g1', gridName: '东片网格', pendingPersons: 2, pendingHouseholds: 1 },
    { gridId: 'g2', gridName: '西片网格', pendingPersons: 1, pendingHouseholds: 0 },
  ],
  totals: { pendingPersons: 3, pendingHouseholds: 1 },
  page: { gridId: 'g1', households: [east], next: null },
}
/** the server's answer for one grid's page */
const pageOf = (gridId: string, households: FollowUpHousehold[], next: string | null = null): RulesFollowUp => ({ ...followUp, page: { gridId, households, next } })

const gridWorker: MembershipView = { ...xinshanCommittee, roles: ['resident', 'gridWorker'], gridIds: ['g1'] }

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

describe('承诺情况跟进', () => {
  test('lists the first grid’s households and persons who have not agreed; a chip loads another grid', async () => {
    mocked.getRulesFollowUp.mockImplementation(async (_v, gridId) => (gridId === 'g2' ? pageOf('g2', [west]) : followUp))
    render(<FollowUpPage />)
    expect(await screen.findByText('新山村东一巷12号')).toBeTruthy()
    expect(screen.getByText('第2版 新山村村规民约')).toBeTruthy()
    expect(screen.getByText('1 户、2 人未承诺')).toBeTruthy()
    expect(screen.getByText('全户未承诺')).toBeTruthy()
    expect(screen.getByText('陈秀英')).toBeTruthy()
    expect(screen.getByText('曾承诺第1版')).toBeTruthy()
    expect(screen.getByText('已列出本网格全部 1 户')).toBeTruthy()
    expect(screen.queryByText('黄小明')).toBeNull()
    expect(mocked.getRulesFollowUp).toHaveBeenCalledWith('v-xinshan', undefined)

    fireEvent.click(screen.getByText('西片网格（1人）'))
    expect(await screen.findByText('黄小明')).toBeTruthy()
    expect(mocked.getRulesFollowUp).toHaveBeenLastCalledWith('v-xinshan', 'g2')
    expect(screen.queryByText('陈秀英')).toBeNull()
    expect(screen.getByText('本户已有人承诺')).toBeTruthy()
  })

  test('a grid with more households comes a page at a time: 加载更多 appends the next page; a failed page says so and keeps the list', async () => {
    const more = (i: number): FollowUpHousehold => ({ ...west, householdId: `hx${i}`, doorplate: `新山村东二巷${i}号`, pending: [{ ...west.pending[0], personId: `px${i}`, name: `村民${i}` }] })
    mocked.getRulesFollowUp.mockImplementation(async (_v, _g, after) => (after === 'c2' ? pageOf('g1', [more(3)]) : after === 'c1' ? pageOf('g1', [more(2)], 'c2') : pageOf('g1', [east], 'c1')))
    render(<FollowUpPage />)
    expect(await screen.findByText('陈秀英')).toBeTruthy()
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('村民2')).toBeTruthy()
    expect(mocked.getRulesFollowUp).toHaveBeenLastCalledWith('v-xinshan', 'g1', 'c1')
    expect(screen.getByText('陈秀英')).toBeTruthy()

    mocked.getRulesFollowUp.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' }))
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('村民2')).toBeTruthy()
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('村民3')).toBeTruthy()
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(screen.getByText('已列出本网格全部 3 户')).toBeTruthy()
  })

  test('when everyone has agreed it says so', async () => {
    mocked.getRulesFollowUp.mockResolvedValue({ ...followUp, grids: [], totals: { pendingPersons: 0, pendingHouseholds: 0 }, page: null })
    render(<FollowUpPage />)
    expect(await screen.findByText('全部居民都已承诺遵守第2版')).toBeTruthy()
  })

  test('the committee exports the follow-up list and the agreement records as CSV files, page after page', async () => {
    mocked.getRulesFollowUp.mockResolvedValue(followUp)
    // the header first, then a page per call until `next` is null
    mocked.exportRulesCsv.mockImplementation(async (_v, kind, after) => {
      const filename = kind === 'followUp' ? '新山村村规民约-未承诺名单-第2版-2026-11-26.csv' : '新山村村规民约-承诺记录-2026-11-26.csv'
      if (!after) return { filename, content: '\uFEFF网格,门牌号\r\n', rows: 0, next: '["g1"]', total: 3 }
      return after === '["g1"]' ? { filename, content: '第一网格,东一巷12号\r\n', rows: 2, next: '["g2"]' } : { filename, content: '第二网格,西二巷3号\r\n', rows: 1, next: null }
    })
    const blobs: Array<{ content: string; type?: string }> = []
    const RealBlob = Blob
    const blob = jest.spyOn(window, 'Blob').mockImplementation((parts?: BlobPart[], options?: BlobPropertyBag) => {
      blobs.push({ content: (parts ?? []).join(''), type: options?.type })
      return new RealBlob(parts, options)
    })
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() })
    const downloads: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download)
    })
    render(<FollowUpPage />)

    fireEvent.click(await screen.findByText('导出未承诺名单'))
    await waitFor(() => expect(downloads).toEqual(['新山村村规民约-未承诺名单-第2版-2026-11-26.csv']))
    expect(mocked.exportRulesCsv.mock.calls).toEqual([
      ['v-xinshan', 'followUp', null],
      ['v-xinshan', 'followUp', '["g1"]'],
      ['v-xinshan', 'followUp', '["g2"]'],
    ])
    // one file: the header once, then the pages in order
    expect(blobs).toEqual([{ content: '\uFEFF网格,门牌号\r\n第一网格,东一巷12号\r\n第二网格,西二巷3号\r\n', type: 'text/csv;charset=utf-8' }])

    fireEvent.click(await screen.findByText('导出承诺记录'))
    await waitFor(() => expect(downloads).toHaveLength(2))
    expect(mocked.exportRulesCsv).toHaveBeenCalledWith('v-xinshan', 'agreements', '["g2"]')
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已导出 3 条', icon: 'success' })
    click.mockRestore()
    blob.mockRestore()
  })

  test('a grid worker sees the list but no export', async () => {
    useAccount.setState({ me: { ...meWithTwoVillages, memberships: [gridWorker] }, currentVillageId: 'v-xinshan' })
    mocked.getRulesFollowUp.mockResolvedValue({ ...followUp, grids: [followUp.grids[0]], totals: { pendingPersons: 2, pendingHouseholds: 1 } })
    render(<FollowUpPage />)
    expect(await screen.findByText('陈秀英')).toBeTruthy()
    expect(screen.queryByText('导出未承诺名单')).toBeNull()
    // one grid: no chips
    expect(screen.queryByText('东片网格（2人）')).toBeNull()
  })

  test('before any version is published it says so; a failed load offers to retry', async () => {
    mocked.getRulesFollowUp
      .mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' }))
      .mockResolvedValueOnce({ version: null, grids: [], totals: { pendingPersons: 0, pendingHouseholds: 0 }, page: null })
    render(<FollowUpPage />)
    fireEvent.click(await screen.findByText('重试'))
    expect(await screen.findByText('还没有发布村规民约，发布后这里会列出尚未承诺的居民')).toBeTruthy()
  })

  test('a resident who is neither committee nor grid worker is told so and nothing is loaded', () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
    render(<FollowUpPage />)
    expect(screen.getByText('只有居委会成员和网格员可以查看承诺情况')).toBeTruthy()
    expect(mocked.getRulesFollowUp).not.toHaveBeenCalled()
  })
})

describe('CSV in WeChat', () => {
  const taro = jest.mocked(Taro)
  const file = { filename: '新山村村规民约-承诺记录-2026-11-26.csv', content: '\uFEFF姓名\r\n' }
  let writeFileSync: jest.Mock
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    writeFileSync = jest.fn()
    taro.getFileSystemManager.mockReturnValue({ writeFileSync } as never)
  })
  afterEach(() => {
    process.env.TARO_ENV = 'h5'
  })

  test('is written to the user data folder and sent to a chat', async () => {
    expect(await downloadCsv(file)).toEqual({ kind: 'shared' })
    const path = 'wxfile://usr/新山村村规民约-承诺记录-2026-11-26.csv'
    expect(writeFileSync).toHaveBeenCalledWith(path, file.content, 'utf8')
    expect(taro.shareFileMessage).toHaveBeenCalledWith({ filePath: path, fileName: '新山村村规民约-承诺记录-2026-11-26.csv' })
  })

  test('a cancelled share keeps the file to send later', async () => {
    taro.shareFileMessage.mockRejectedValueOnce({ errMsg: 'shareFileMessage:fail cancel' })
    expect(await downloadCsv(file)).toMatchObject({ kind: 'saved', cancelled: true })
  })
})
