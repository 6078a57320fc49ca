import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/account/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import { useTheme } from '../../src/shared/theme'
import JoinPage from '../../src/features/account/pages/join'
import RequestsPage from '../../src/features/account/pages/requests'
import MePage from '../../src/pages/me'
import { meWithTwoVillages, newcomer } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const tree = {
  cities: [
    {
      id: 'c-shanwei',
      name: '汕尾市',
      counties: [
        { id: 'k-haifeng', name: '海丰县', towns: [{ id: 't-lianan', name: '联安镇', villages: [{ id: 'v-xinshan', name: '新山村', kind: 'village' as const, place: '汕尾市 · 海丰县 · 联安镇' }] }] },
        { id: 'k-luhe', name: '陆河县', towns: [] },
      ],
    },
  ],
}

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: null, currentVillageId: null, error: null })
  useTheme.setState({ elder: false })
})

/** picks 海丰县 → 联安镇 → 新山村, fills the form as 王芳 and submits */
async function fillAndSubmitJoinForm(relationLabel: string) {
  render(<JoinPage />)
  fireEvent.click(await screen.findByText('海丰县'))
  fireEvent.click(screen.getByText('联安镇'))
  fireEvent.click(screen.getByText('新山村'))
  fireEvent.change(screen.getByPlaceholderText('请填写真实姓名'), { target: { value: '王芳' } })
  fireEvent.change(screen.getByPlaceholderText('如：新山村东一巷12号'), { target: { value: '新山村东一巷40号' } })
  fireEvent.click(screen.getByText(relationLabel))
  fireEvent.click(screen.getByText('提交申请'))
}

describe('申请加入', () => {
  test('missing fields are named and nothing is sent', async () => {
    mocked.getMe.mockResolvedValue(newcomer)
    mocked.getGeoTree.mockResolvedValue(tree)
    render(<JoinPage />)
    fireEvent.click(screen.getByText('提交申请'))
    expect(await screen.findByText('请选择要加入的村（社区）')).toBeTruthy()
    expect(screen.getByText('请填写真实姓名（至少两个字）')).toBeTruthy()
    expect(screen.getByText('请选择与户主的关系')).toBeTruthy()
    expect(mocked.requestJoin).not.toHaveBeenCalled()
  })

  test('picking county, town and village, then submitting, sends the request and says what happens next', async () => {
    mocked.getMe.mockResolvedValue(newcomer)
    mocked.getGeoTree.mockResolvedValue(tree)
    mocked.requestJoin.mockResolvedValue({} as never)
    await fillAndSubmitJoinForm('本人是户主')
    expect(await screen.findByText('您加入新山村的申请已提交，村委会审核后会通知您。')).toBeTruthy()
    expect(mocked.requestJoin).toHaveBeenCalledWith({ villageId: 'v-xinshan', name: '王芳', doorplate: '新山村东一巷40号', relation: '户主', via: 'pick' })
  })

  test("the server's refusal is shown and the form keeps what was typed", async () => {
    mocked.getMe.mockResolvedValue(newcomer)
    mocked.getGeoTree.mockResolvedValue(tree)
    mocked.requestJoin.mockRejectedValue(new CallError({ code: 'DUPLICATE', message: '您的申请正在审核中，请耐心等待新山村村委会处理' }))
    await fillAndSubmitJoinForm('配偶')
    expect(await screen.findByText('您的申请正在审核中，请耐心等待新山村村委会处理')).toBeTruthy()
    expect((screen.getByPlaceholderText('请填写真实姓名') as HTMLInputElement).value).toBe('王芳')
  })
})

describe('入村审核', () => {
  const pending = {
    _id: 'v-xinshan:p9',
    villageId: 'v-xinshan',
    personId: 'p9',
    name: '刘晓东',
    doorplate: '新山村东一巷12号',
    relation: '其他亲属' as const,
    via: 'scan' as const,
    status: 'pending' as const,
    createdAt: Date.UTC(2026, 10, 26, 2),
    decisions: [],
    householdMatch: '新山村东一巷12号（户主 林水生）',
  }

  test('a rejection without a reason is stopped; with one it is sent and the queue reloads', async () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan' })
    mocked.getJoinQueue.mockResolvedValueOnce([pending]).mockResolvedValueOnce([])
    mocked.decideJoin.mockResolvedValue({} as never)
    render(<RequestsPage />)
    expect(await screen.findByText('刘晓东')).toBeTruthy()
    expect(screen.getByText('与已登记户相符：新山村东一巷12号（户主 林水生）')).toBeTruthy()
    fireEvent.click(screen.getByText('驳回'))
    fireEvent.click(screen.getByText('确认驳回'))
    expect(await screen.findByText('驳回时请写明理由，申请人会看到')).toBeTruthy()
    expect(mocked.decideJoin).not.toHaveBeenCalled()
    fireEvent.change(screen.getByPlaceholderText('请写明驳回理由，如门牌号有误'), { target: { value: '不是本户亲属' } })
    fireEvent.click(screen.getByText('确认驳回'))
    await waitFor(() => expect(mocked.decideJoin).toHaveBeenCalledWith({ villageId: 'v-xinshan', requestId: 'v-xinshan:p9', decision: 'reject', reason: '不是本户亲属' }))
    expect(await screen.findByText('没有待审核的申请')).toBeTruthy()
  })

  test('someone who is not on the committee is told so and nothing is loaded', async () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
    render(<RequestsPage />)
    expect(screen.getByText('只有居委会成员可以审核入村申请')).toBeTruthy()
    expect(mocked.getJoinQueue).not.toHaveBeenCalled()
  })

  test('a failed load says why and offers to retry', async () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan' })
    mocked.getJoinQueue.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })).mockResolvedValueOnce([pending])
    render(<RequestsPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('刘晓东')).toBeTruthy()
  })
})

describe('我的', () => {
  test('lists my villages with my roles there, and switches the current one', async () => {
    mocked.getMe.mockResolvedValue(meWithTwoVillages)
    useAccount.setState({ currentVillageId: 'v-xinshan' })
    render(<MePage />)
    expect(await screen.findByText('河南社区')).toBeTruthy()
    expect(screen.getByText('村委会')).toBeTruthy()
    expect(screen.getByText('居民')).toBeTruthy()
    expect(screen.getByText('入村审核')).toBeTruthy()
    fireEvent.click(screen.getByText('切换到河南社区'))
    expect(useAccount.getState().currentVillageId).toBe('v-henan')
    expect(await screen.findByText('切换到新山村')).toBeTruthy()
    // the committee tools belong to 新山村, not to 河南社区
    expect(screen.queryByText('入村审核')).toBeNull()
  })

  test('长辈模式 is one switch and is remembered', async () => {
    mocked.getMe.mockResolvedValue(meWithTwoVillages)
    const { container } = render(<MePage />)
    await screen.findByText('河南社区')
    fireEvent.click(screen.getByRole('switch'))
    expect(useTheme.getState().elder).toBe(true)
    expect(container.querySelector('.vh-elder')).not.toBeNull()
    expect((Taro as unknown as { __storage: Map<string, unknown> }).__storage.get('vh.elderMode')).toBe(true)
  })

  test('a newcomer is invited to join', async () => {
    mocked.getMe.mockResolvedValue(newcomer)
    render(<MePage />)
    const button = await screen.findByText('申请加入村（社区）')
    act(() => fireEvent.click(button))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/account/pages/join/index' })
    expect(within(document.body).getByText('切换体验身份（本地演示）')).toBeTruthy()
  })
})
