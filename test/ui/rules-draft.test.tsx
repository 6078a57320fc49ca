import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RuleVersionDetail, RuleVersionSummary } from '@contract'
import * as api from '../../src/features/rules/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import DraftPage from '../../src/features/rules/pages/draft'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/rules/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const adoption = { meeting: '村民会议' as const, date: '2026-11-20', totalEligible: 120, attendance: null, votesFor: null, votesAgainst: null, abstain: null }
const summary = (over: Partial<RuleVersionSummary>): RuleVersionSummary => ({
  id: 'v-xinshan:v1',
  number: 1,
  label: '第1版',
  title: '新山村村规民约',
  status: 'published',
  current: true,
  effectiveDate: '2026-01-01',
  adoption,
  chapterCount: 1,
  clauseCount: 2,
  agreements: 40,
  createdAt: 0,
  updatedAt: 0,
  publishedByName: '林志强',
  publishedAt: 0,
  ...over,
})
const v1 = summary({})
const v2 = summary({ id: 'v-xinshan:v2', number: 2, label: '第2版', status: 'draft', current: false, effectiveDate: '2026-12-01', publishedByName: null, publishedAt: null })

const draft: RuleVersionDetail = {
  id: 'v-xinshan:v2',
  villageId: 'v-xinshan',
  number: 2,
  label: '第2版',
  title: '新山村村规民约',
  word: '村规民约',
  status: 'draft',
  current: false,
  chapters: [
    {
      no: 1,
      label: '第一章',
      title: '环境卫生',
      clauses: [
        { id: 'k1', no: 1, label: '第一条', text: '不乱扔垃圾。' },
        { id: 'k2', no: 2, label: '第二条', text: '门前三包，自觉维护。' },
      ],
    },
  ],
  clauseCount: 2,
  effectiveDate: '2026-12-01',
  adoption,
  basedOn: 1,
  createdByName: '林志强',
  createdAt: Date.UTC(2026, 10, 26, 2),
  updatedAt: Date.UTC(2026, 10, 26, 2),
  publishedByName: null,
  publishedAt: null,
  changes: { from: 1, to: 2, added: [], removed: [], changed: [], unchanged: 2 },
  problems: [{ field: 'adoption.attendance', message: '请填写到会人数' }],
}

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

function withDraft(d: RuleVersionDetail = draft) {
  mocked.getRuleVersions.mockResolvedValue([v2, v1])
  mocked.getRuleVersion.mockResolvedValue(d)
}

describe('起草新版本', () => {
  test('editing a clause and saving keeps clause ids, sends counts as numbers, and shows the changes', async () => {
    withDraft()
    const saved: RuleVersionDetail = {
      ...draft,
      chapters: [
        {
          ...draft.chapters[0],
          clauses: [
            { id: 'k1', no: 1, label: '第一条', text: '不乱扔垃圾，垃圾分类投放。' },
            { id: 'k2', no: 2, label: '第二条', text: '门前三包，自觉维护。' },
            { id: 'k9', no: 3, label: '第三条', text: '不在河道倾倒污物。' },
          ],
        },
      ],
      changes: {
        from: 1,
        to: 2,
        added: [{ id: 'k9', no: 3, chapter: '第一章', text: '不在河道倾倒污物。' }],
        removed: [],
        changed: [{ id: 'k1', oldNo: 1, newNo: 1, oldChapter: '第一章', newChapter: '第一章', oldText: '不乱扔垃圾。', newText: '不乱扔垃圾，垃圾分类投放。' }],
        unchanged: 1,
      },
      problems: [{ field: 'adoption.votesFor', message: '请填写赞成票数' }],
    }
    mocked.saveRulesDraft.mockResolvedValue(saved)
    render(<DraftPage />)

    fireEvent.change(await screen.findByDisplayValue('不乱扔垃圾。'), { target: { value: '不乱扔垃圾，垃圾分类投放。' } })
    fireEvent.click(screen.getByText('＋ 在本章添加一条'))
    const blanks = screen.getAllByPlaceholderText('条款内容：一条说一件事，易记、易懂、易行')
    fireEvent.change(blanks[blanks.length - 1], { target: { value: '不在河道倾倒污物。' } })
    fireEvent.change(screen.getByPlaceholderText('请填写实到人数'), { target: { value: '80' } })
    fireEvent.change(screen.getByPlaceholderText('请填写反对票'), { target: { value: '0' } })
    expect(screen.getByText('有未保存的修改')).toBeTruthy()
    fireEvent.click(screen.getByText('保存草稿'))

    await waitFor(() => expect(mocked.saveRulesDraft).toHaveBeenCalledTimes(1))
    expect(mocked.saveRulesDraft).toHaveBeenCalledWith({
      villageId: 'v-xinshan',
      versionId: 'v-xinshan:v2',
      title: '新山村村规民约',
      chapters: [
        {
          title: '环境卫生',
          clauses: [
            { id: 'k1', text: '不乱扔垃圾，垃圾分类投放。' },
            { id: 'k2', text: '门前三包，自觉维护。' },
            { text: '不在河道倾倒污物。' },
          ],
        },
      ],
      effectiveDate: '2026-12-01',
      adoption: { meeting: '村民会议', date: '2026-11-20', totalEligible: 120, attendance: 80, votesFor: null, votesAgainst: 0, abstain: null },
    })
    // the live preview: what changed against 第1版, and what is still missing
    expect(await screen.findByText('修改 第一条')).toBeTruthy()
    expect(screen.getByText('新增 第三条')).toBeTruthy()
    expect(screen.getByText('1. 请填写赞成票数')).toBeTruthy()
    expect(screen.queryByText('有未保存的修改')).toBeNull()
    expect(taro.showToast).toHaveBeenCalledWith({ title: '草稿已保存', icon: 'success' })

    // the new clause now carries the id the server gave it
    fireEvent.click(screen.getByText('保存草稿'))
    await waitFor(() => expect(mocked.saveRulesDraft).toHaveBeenCalledTimes(2))
    expect(mocked.saveRulesDraft.mock.calls[1][0].chapters[0].clauses[2]).toEqual({ id: 'k9', text: '不在河道倾倒污物。' })
  })

  test("the server's BAD_INPUT is shown beside the fields, and what was typed stays", async () => {
    withDraft()
    const long = '长'.repeat(301)
    mocked.saveRulesDraft.mockRejectedValue(
      new CallError({ code: 'BAD_INPUT', message: '每条不超过300个字', fields: { 'chapters.0.clauses.1.text': '每条不超过300个字', 'adoption.attendance': '到会人数应为整数' } }),
    )
    render(<DraftPage />)
    fireEvent.change(await screen.findByDisplayValue('门前三包，自觉维护。'), { target: { value: long } })
    fireEvent.change(screen.getByPlaceholderText('请填写实到人数'), { target: { value: '80' } })
    fireEvent.click(screen.getByText('保存草稿'))

    const clause = (await screen.findByDisplayValue(long)).closest('.rules-draft-clause') as HTMLElement
    await waitFor(() => expect(within(clause).getByText('每条不超过300个字')).toBeTruthy())
    const attendance = screen.getByPlaceholderText('请填写实到人数') as HTMLInputElement
    expect(within(attendance.closest('.vh-field') as HTMLElement).getByText('到会人数应为整数')).toBeTruthy()
    expect(attendance.value).toBe('80')
    expect(screen.getByRole('alert').textContent).toBe('每条不超过300个字')
    expect(screen.getByText('有未保存的修改')).toBeTruthy()

    // editing the clause clears its message
    fireEvent.change(screen.getByDisplayValue(long), { target: { value: '门前三包。' } })
    expect(within(clause).queryByText('每条不超过300个字')).toBeNull()
  })

  test('a count that is not a whole number is stopped before sending', async () => {
    withDraft()
    render(<DraftPage />)
    fireEvent.change(await screen.findByPlaceholderText('请填写赞成票'), { target: { value: '六十' } })
    fireEvent.click(screen.getByText('保存草稿'))
    expect(await screen.findByText('赞成票请填不小于0的整数')).toBeTruthy()
    expect(mocked.saveRulesDraft).not.toHaveBeenCalled()
    expect((screen.getByPlaceholderText('请填写赞成票') as HTMLInputElement).value).toBe('六十')
  })

  test('publishing asks first, then publishes and opens the rules', async () => {
    withDraft({ ...draft, problems: [] })
    mocked.publishRules.mockResolvedValue({ ...draft, status: 'published', problems: null })
    render(<DraftPage />)
    await screen.findByText('可以发布')

    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never)
    fireEvent.click(screen.getByText('发布'))
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledTimes(1))
    expect(mocked.publishRules).not.toHaveBeenCalled()

    fireEvent.click(await screen.findByText('发布'))
    await waitFor(() => expect(mocked.publishRules).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:v2'))
    expect(taro.showModal).toHaveBeenCalledTimes(2)
    expect(taro.showModal.mock.calls[1][0]?.title).toBe('发布第2版？')
    expect(mocked.saveRulesDraft).not.toHaveBeenCalled()
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/features/rules/pages/read/index' }))
    expect(taro.showToast).toHaveBeenCalledWith({ title: '第2版已发布', icon: 'success' })
  })

  test("a refused publish shows the server's message and what is missing", async () => {
    withDraft({ ...draft, problems: [] })
    mocked.publishRules.mockRejectedValue(
      new CallError({ code: 'BAD_INPUT', message: '施行日期（2026-12-01）已经过去，不能早于今天（2026-12-02）', fields: { effectiveDate: '施行日期（2026-12-01）已经过去，不能早于今天（2026-12-02）' } }),
    )
    render(<DraftPage />)
    await screen.findByText('可以发布')
    fireEvent.click(screen.getByText('发布'))
    expect(await screen.findByText('暂不能发布：施行日期（2026-12-01）已经过去，不能早于今天（2026-12-02）')).toBeTruthy()
    expect(screen.getByText('1. 施行日期（2026-12-01）已经过去，不能早于今天（2026-12-02）')).toBeTruthy()
    expect(screen.getByText('施行日期（2026-12-01）已经过去，不能早于今天（2026-12-02）')).toBeTruthy()
    expect(taro.redirectTo).not.toHaveBeenCalled()
  })

  test('a draft with problems is not sent for publishing; they are listed', async () => {
    withDraft()
    render(<DraftPage />)
    await screen.findByText('1. 请填写到会人数')
    fireEvent.click(screen.getByText('发布'))
    expect(await screen.findByText('还有 1 处需要完善才能发布，请看下方“发布前检查”')).toBeTruthy()
    expect(within(screen.getByPlaceholderText('请填写实到人数').closest('.vh-field') as HTMLElement).getByText('请填写到会人数')).toBeTruthy()
    expect(taro.showModal).not.toHaveBeenCalled()
    expect(mocked.publishRules).not.toHaveBeenCalled()
  })

  test('without a draft, one is started from the current version', async () => {
    mocked.getRuleVersions.mockResolvedValue([v1])
    mocked.startRulesDraft.mockResolvedValue(draft)
    render(<DraftPage />)
    fireEvent.click(await screen.findByText('以现行第1版为底稿起草'))
    expect(await screen.findByDisplayValue('不乱扔垃圾。')).toBeTruthy()
    expect(mocked.startRulesDraft).toHaveBeenCalledWith('v-xinshan')
    expect(screen.getByText('以第1版为底稿')).toBeTruthy()
  })

  test('discarding asks, deletes the draft and goes back to the start', async () => {
    withDraft()
    mocked.discardRulesDraft.mockResolvedValue({ removed: 1 })
    render(<DraftPage />)
    await screen.findByDisplayValue('不乱扔垃圾。')
    mocked.getRuleVersions.mockResolvedValue([v1])
    fireEvent.click(screen.getByText('放弃草稿'))
    await waitFor(() => expect(mocked.discardRulesDraft).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:v2'))
    expect(await screen.findByText('以现行第1版为底稿起草')).toBeTruthy()
  })

  test('someone who is not on the committee is told so and nothing is loaded', () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
    render(<DraftPage />)
    expect(screen.getByText('只有居委会成员可以起草居民公约')).toBeTruthy()
    expect(mocked.getRuleVersions).not.toHaveBeenCalled()
  })
})
