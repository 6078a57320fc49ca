import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/boards/api'
import { BoardsHomeCard, MyCouncilsCard } from '../../src/features/boards/tab-cards'
import { henanResident, xinshanCommittee } from './fixtures'
import { entry } from './mocks/boards-fixtures'

jest.mock('../../src/features/boards/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

beforeEach(() => jest.clearAllMocks())

describe('the boards on the tab pages', () => {
  test('首页: 红黑榜 for everyone; my household’s notices to check only while I can still appeal', async () => {
    mocked.getMine.mockResolvedValue({ entries: [entry({ status: 'notice', can: { appeal: true, appealWhy: null, manage: false } }), entry({ id: 'x2' })], nominations: [] })
    render(<BoardsHomeCard membership={henanResident} />)
    expect(await screen.findByText('1 条待核实')).toBeTruthy()
    expect(screen.queryByText('榜单管理')).toBeNull()
    fireEvent.click(screen.getByText('我家的公示'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/boards/pages/mine/index' })
    fireEvent.click(screen.getByText('红黑榜 · 善行义举榜'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/features/boards/pages/board/index' })
  })

  test('首页: no notice, no row; the committee gets 榜单管理', async () => {
    mocked.getMine.mockResolvedValue({ entries: [entry()], nominations: [] })
    render(<BoardsHomeCard membership={xinshanCommittee} />)
    await waitFor(() => expect(mocked.getMine).toHaveBeenCalledWith('v-xinshan'))
    expect(screen.getByText('榜单管理')).toBeTruthy()
    expect(screen.queryByText('我家的公示')).toBeNull()
  })

  test('我的: the 会 I belong to, the 道德评议会 leading to the nominations; nothing when I belong to none', async () => {
    const member = { personId: 'p1', name: '林志强', since: 0, byName: '陈美玲' }
    mocked.listCouncils.mockResolvedValueOnce([
      { council: 'moral', label: '道德评议会', members: [member] },
      { council: 'weddingFuneral', label: '红白理事会', members: [member] },
    ])
    const { unmount } = render(<MyCouncilsCard membership={xinshanCommittee} />)
    expect(await screen.findByText('红白理事会成员')).toBeTruthy()
    expect(mocked.listCouncils).toHaveBeenCalledWith('v-xinshan', 'p1')
    fireEvent.click(screen.getByText('道德评议会成员'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/boards/pages/nominations/index' })
    unmount()

    mocked.listCouncils.mockResolvedValueOnce([])
    const { container } = render(<MyCouncilsCard membership={xinshanCommittee} />)
    await waitFor(() => expect(mocked.listCouncils).toHaveBeenCalledTimes(2))
    expect(container.textContent).toBe('')
  })
})
