/** Issue 15, point 12: a list that is loading keeps its shape (a skeleton), then shows its rows, or why it failed. */
import { render, screen } from '@testing-library/react'
import * as api from '../../src/features/deliberation/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import TopicsPage from '../../src/pages/topics'
import { meWithTwoVillages } from './fixtures'
import { summary } from './mocks/deliberation-fixtures'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/features/account/api')

test('the 议事 list shows a skeleton while it loads, then the topics', async () => {
  jest.mocked(accountApi).getMe.mockResolvedValue(meWithTwoVillages)
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  let answer!: (v: Awaited<ReturnType<typeof api.listTopics>>) => void
  jest.mocked(api).listTopics.mockReturnValue(new Promise((res) => (answer = res)))
  const { container } = render(<TopicsPage />)
  expect(screen.getByRole('status').textContent).toBe('正在加载…')
  expect(container.querySelectorAll('.vh-skeleton__item')).toHaveLength(3)

  answer([summary({ id: 't1', title: '村道路灯安装' })])
  expect((await screen.findAllByText('村道路灯安装')).length).toBeGreaterThan(0)
  expect(container.querySelector('.vh-skeleton')).toBeNull()
})
