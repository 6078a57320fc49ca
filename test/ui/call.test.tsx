/** The api door tells apart a network failure, a timeout, a server failure and the server's refusal (issue 15, point 9). */
import { call, CallError, CALL_TIMEOUT_MS, errorMessage, wxFailureCode } from '@/shared/api/call'

const fetchMock = jest.fn()
beforeAll(() => {
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})
afterEach(() => {
  fetchMock.mockReset()
  jest.useRealTimers()
})

const answer = (body: unknown) => ({ json: async () => body })
const failureOf = async (): Promise<CallError> => {
  try {
    await call('account.me', {})
  } catch (e) {
    if (e instanceof CallError) return e
    throw e
  }
  throw new Error('the call succeeded')
}

test('no answer at all is the network, and nothing was done', async () => {
  fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
  const e = await failureOf()
  expect(e.code).toBe('NETWORK')
  expect(e.offline).toBe(true)
  expect(e.message).toBe('网络不通，请检查网络后重试')
})

test('an answer that is not the router’s JSON is the server’s failure, not the network', async () => {
  fetchMock.mockResolvedValue({ json: async () => Promise.reject(new SyntaxError('Unexpected token <')) })
  const e = await failureOf()
  expect(e.code).toBe('SERVER')
  expect(e.offline).toBe(false)
  expect(e.message).toContain('不是您的网络问题')
  expect(e.message).not.toContain('网络不给力')
})

test('the server’s refusal keeps its own words', async () => {
  fetchMock.mockResolvedValue(answer({ ok: false, error: { code: 'FORBIDDEN', message: '您不是本村村民，不能投票' } }))
  const e = await failureOf()
  expect(e.code).toBe('FORBIDDEN')
  expect(errorMessage(e)).toBe('您不是本村村民，不能投票')
})

test('no answer in time is a timeout, which may or may not have been done', async () => {
  jest.useFakeTimers()
  fetchMock.mockReturnValue(new Promise(() => undefined))
  const pending = failureOf()
  jest.advanceTimersByTime(CALL_TIMEOUT_MS + 1)
  const e = await pending
  expect(e.code).toBe('TIMEOUT')
  expect(e.offline).toBe(false)
  expect(e.message).toContain('没有等到回复')
})

test('WeChat’s callFunction failures are read by their errMsg', () => {
  expect(wxFailureCode({ errMsg: 'cloud.callFunction:fail request:fail' })).toBe('NETWORK')
  expect(wxFailureCode({ errMsg: 'cloud.callFunction:fail timeout' })).toBe('TIMEOUT')
  expect(wxFailureCode({ errMsg: 'cloud.callFunction:fail -404011 cloud function execution error' })).toBe('SERVER')
})
