/**
 * Issue 15, point 7: what a resident does (上报问题, 写信, 推荐好人好事, 承诺) is offered only to those the server
 * lets do it (PARTICIPANT_ROLES, the rule of its ACCESS.resident); the others are told why in a plain sentence.
 */
import { render, screen } from '@testing-library/react'
import type { Me, MembershipView } from '@contract'
import { PARTICIPANT_ROLES, takesPart } from '@contract/tables'
import { ACCESS } from '../../cloud/src/handler'
import { router } from './mocks/taro'
import * as reportsApi from '../../src/features/reports/api'
import * as boardsApi from '../../src/features/boards/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { ReportsHomeCard } from '../../src/features/reports/tab-cards'
import ReportPage from '../../src/features/reports/pages/report'
import WritePage from '../../src/features/mailbox/pages/write'
import NominationsPage from '../../src/features/boards/pages/nominations'
import { henanResident, xinshanCommittee } from './fixtures'

jest.mock('../../src/features/reports/api')
jest.mock('../../src/features/boards/api')
jest.mock('../../src/features/mailbox/api')
jest.mock('../../src/features/account/api')

const hallStaff: MembershipView = { ...xinshanCommittee, _id: 'v-xinshan:p9', personId: 'p9', name: '张秀英', householdId: null, relation: null, roles: ['hallStaff'], partyMember: false, hallId: 'v-xinshan:hall' }
const communityOfficer: MembershipView = { ...henanResident, roles: ['townOfficer'], townId: 't-xiangzhou' }
const resident: MembershipView = { ...xinshanCommittee, roles: ['resident'] }

function signIn(m: MembershipView) {
  const who: Me = { person: { _id: m.personId, name: m.name, createdAt: 0 }, memberships: [m], requests: [], unread: 0 }
  jest.mocked(accountApi).getMe.mockResolvedValue(who)
  useAccount.setState({ me: who, currentVillageId: m.villageId, error: null })
}

beforeEach(() => {
  jest.clearAllMocks()
  router.params = {}
  jest.mocked(reportsApi).getQueue.mockResolvedValue([])
  jest.mocked(boardsApi).listCouncils.mockResolvedValue([])
})

test('the app reads the server’s rule: ACCESS.resident is the participant roles', () => {
  expect(ACCESS.resident.roles).toBe(PARTICIPANT_ROLES)
  expect(takesPart(resident)).toBe(true)
  expect(takesPart(hallStaff)).toBe(false)
})

test('首页 offers 上报问题 to a resident and no 随手拍 card at all to hall staff', () => {
  signIn(resident)
  const { unmount } = render(<ReportsHomeCard membership={resident} />)
  expect(screen.getByText('上报问题')).toBeTruthy()
  unmount()
  signIn(hallStaff)
  const { container } = render(<ReportsHomeCard membership={hallStaff} />)
  expect(screen.queryByText('上报问题')).toBeNull()
  expect(container.textContent).toBe('')
})

test('hall staff opening 随手拍 are told why, and nothing is loaded', () => {
  signIn(hallStaff)
  render(<ReportPage />)
  expect(screen.getByText('您不是本村村民，不能用随手拍上报问题')).toBeTruthy()
  expect(jest.mocked(reportsApi).getSettings).not.toHaveBeenCalled()
})

test('a town officer in a community is told in the community’s words that writing to the 书记信箱 is the residents’', () => {
  signIn(communityOfficer)
  render(<WritePage />)
  expect(screen.getByText('您不是本社区居民，不能在书记信箱写信')).toBeTruthy()
})

test('推荐好人好事: hall staff see why instead of the form; a resident gets the form', async () => {
  signIn(hallStaff)
  const { unmount } = render(<NominationsPage />)
  expect(screen.getByText('您不是本村村民，不能推荐好人好事')).toBeTruthy()
  expect(screen.queryByText('推荐一位邻居上善行义举榜')).toBeNull()
  unmount()
  signIn(resident)
  render(<NominationsPage />)
  expect(await screen.findByText('推荐一位邻居上善行义举榜')).toBeTruthy()
})
