/**
 * Issue 15: a comment written without a network is kept and sent when it returns, and the person is told which
 * happened (point 12); a comment I post is brought on screen (point 11).
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { flushOutbox, useOutbox } from '../../src/shared/api/outbox'
import { Comments } from '../../src/features/deliberation/components/comments'
import { comment, commentPage } from './mocks/deliberation-fixtures'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)
const storage = (Taro as unknown as { __storage: Map<string, unknown> }).__storage

const TOPIC = 'v-xinshan:t1'
const show = () => render(<Comments villageId='v-xinshan' topicId={TOPIC} canComment canManage={false} />)
const scrolled = jest.fn()

beforeAll(() => {
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled(this.id)
  }
})
beforeEach(() => {
  jest.clearAllMocks()
  storage.clear()
  useOutbox.setState({ kept: [], failed: null })
})

test('offline, the comment is kept (已保存，联网后自动发送); back online it is sent (已发送) and the list read again', async () => {
  mocked.listComments.mockResolvedValue(commentPage([comment({ _id: 'c1', text: '路灯早该装了' })]))
  mocked.createComment.mockRejectedValue(new CallError({ code: 'NETWORK' }))
  show()
  await screen.findByText('路灯早该装了')
  fireEvent.change(screen.getByPlaceholderText('说说您的看法，请文明发言'), { target: { value: '建议装在巷口' } })
  fireEvent.click(screen.getByText('我的看法（可不选，不算投票）：').parentElement!.querySelector('.vh-chip')!)
  fireEvent.click(screen.getByText('发表意见'))

  await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith({ title: '已保存，联网后自动发送', icon: 'none' }))
  expect(screen.getByText('您有 1 条意见保存在手机上，联网后自动发送')).toBeTruthy()
  expect((screen.getByPlaceholderText('说说您的看法，请文明发言') as HTMLTextAreaElement).value).toBe('')
  expect(storage.get('vh.outbox')).toEqual([
    expect.objectContaining({ action: 'comments.create', about: TOPIC, input: { villageId: 'v-xinshan', topicId: TOPIC, text: '建议装在巷口', stance: 'for', parentId: null } }),
  ])

  // the network returns: the kept comment goes through the api door, and the list is read again with it
  const fetchMock = jest.fn(async () => ({ json: async () => ({ ok: true, data: comment({ _id: 'c2', text: '建议装在巷口' }) }) }))
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  mocked.listComments.mockResolvedValue(commentPage([comment({ _id: 'c1', text: '路灯早该装了' }), comment({ _id: 'c2', text: '建议装在巷口' })]))
  await act(() => flushOutbox())
  expect(fetchMock).toHaveBeenCalledWith('/api/comments.create', expect.objectContaining({ body: expect.stringContaining('建议装在巷口') }))
  expect(taro.showToast).toHaveBeenCalledWith({ title: '已发送您的意见', icon: 'none' })
  expect(await screen.findByText('建议装在巷口')).toBeTruthy()
  expect(screen.queryByText(/保存在手机上/)).toBeNull()
  expect(storage.get('vh.outbox')).toEqual([])
})

test('refused once sent (已截止), a kept comment is dropped and the person told why; still offline, it stays', async () => {
  useOutbox.setState({ kept: [] })
  storage.set('vh.outbox', [{ id: 'k1', action: 'comments.create', input: { villageId: 'v-xinshan', topicId: TOPIC, text: '晚了', stance: null, parentId: null }, label: '您的意见', about: TOPIC, keptAt: 0 }])
  ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
  await flushOutbox()
  expect(storage.get('vh.outbox')).toHaveLength(1)
  expect(taro.showToast).not.toHaveBeenCalled()

  ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async () => ({ json: async () => ({ ok: false, error: { code: 'CLOSED', message: '已截止' } }) }))
  await flushOutbox()
  expect(storage.get('vh.outbox')).toEqual([])
  expect(taro.showToast).toHaveBeenCalledWith({ title: '没能发送您的意见：已截止', icon: 'none' })
  expect(useOutbox.getState().failed).toEqual({ label: '您的意见', reason: '已截止' })
})

test('a comment I post is shown at the end of the list and scrolled into view', async () => {
  mocked.listComments.mockResolvedValue(commentPage([comment({ _id: 'v-xinshan:c1', text: '路灯早该装了' })]))
  mocked.createComment.mockResolvedValue(comment({ _id: 'v-xinshan:c9', text: '我也同意', mine: true }))
  show()
  await screen.findByText('路灯早该装了')
  fireEvent.change(screen.getByPlaceholderText('说说您的看法，请文明发言'), { target: { value: '我也同意' } })
  fireEvent.click(screen.getByText('发表意见'))
  expect(await screen.findByText('我也同意')).toBeTruthy()
  await waitFor(() => expect(scrolled).toHaveBeenCalledWith('comment-v-xinshan_c9'))
  expect(screen.getByText('我也同意').closest('.dl-comment')?.id).toBe('comment-v-xinshan_c9')
})
