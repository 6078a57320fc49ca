/** 议事讨论 a page at a time: 加载更多 and 展开更多回复 with their loading and error states; what I post shows at once. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { Comments } from '../../src/features/deliberation/components/comments'
import { comment, commentPage } from './mocks/deliberation-fixtures'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)

const TOPIC = 'v-xinshan:t1'
const show = () => render(<Comments villageId='v-xinshan' topicId={TOPIC} canComment canManage={false} />)
const numbered = (from: number, to: number, over = {}) => Array.from({ length: to - from + 1 }, (_, i) => comment({ _id: `c${from + i}`, text: `第${from + i}条意见`, ...over }))
/** a promise the test settles when it wants: the loading state in between */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

beforeEach(() => jest.clearAllMocks())

test('加载更多 brings the next page after the last, shows it is loading, says why it failed, and goes when the end is reached', async () => {
  mocked.listComments.mockResolvedValueOnce(commentPage(numbered(1, 20), { total: 23, next: 'cursor-20' }))
  show()
  expect(await screen.findByText('第20条意见')).toBeTruthy()
  expect(screen.getByText('议事讨论（23）')).toBeTruthy()
  expect(screen.queryByText('第21条意见')).toBeNull()

  mocked.listComments.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' }))
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  expect(screen.getByText('第20条意见')).toBeTruthy()

  const page2 = deferred<Awaited<ReturnType<typeof api.listComments>>>()
  mocked.listComments.mockReturnValueOnce(page2.promise)
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('请稍候…')).toBeTruthy()
  expect(mocked.listComments).toHaveBeenLastCalledWith('v-xinshan', TOPIC, { after: 'cursor-20' })
  page2.resolve(commentPage(numbered(21, 23), { total: 23 }))
  expect(await screen.findByText('第23条意见')).toBeTruthy()
  expect(screen.getByText('第1条意见')).toBeTruthy()
  expect(screen.queryByText('加载更多')).toBeNull()
  expect(screen.queryByText('网络不给力，请检查网络后重试')).toBeNull()
})

test('展开更多回复 loads the rest of a comment’s replies after the shown ones; it says how many are left', async () => {
  const replies = numbered(2, 4, { parentId: 'c1', authorName: '李桂兰' })
  mocked.listComments.mockResolvedValueOnce(commentPage([comment({ _id: 'c1', replies, replyCount: 5, repliesNext: 'r-4' })]))
  show()
  expect(await screen.findByText('第4条意见')).toBeTruthy()
  expect(screen.getByText('议事讨论（6）')).toBeTruthy()

  mocked.listComments.mockResolvedValueOnce(commentPage(numbered(5, 6, { parentId: 'c1' }), { total: 5 }))
  fireEvent.click(screen.getByText('展开更多回复（2条）'))
  expect(await screen.findByText('第6条意见')).toBeTruthy()
  expect(mocked.listComments).toHaveBeenLastCalledWith('v-xinshan', TOPIC, { parentId: 'c1', after: 'r-4' })
  expect(screen.queryByText(/展开更多回复/)).toBeNull()
})

test('a failed 展开更多回复 says why and can be tapped again', async () => {
  mocked.listComments.mockResolvedValueOnce(commentPage([comment({ _id: 'c1', replies: numbered(2, 4, { parentId: 'c1' }), replyCount: 4, repliesNext: 'r-4' })]))
  show()
  mocked.listComments.mockRejectedValueOnce(new CallError({ code: 'RATE_LIMITED', message: '操作太频繁，请1分钟后再试' }))
  fireEvent.click(await screen.findByText('展开更多回复（1条）'))
  expect(await screen.findByText('操作太频繁，请1分钟后再试')).toBeTruthy()
  mocked.listComments.mockResolvedValueOnce(commentPage(numbered(5, 5, { parentId: 'c1' })))
  fireEvent.click(screen.getByText('展开更多回复（1条）'))
  expect(await screen.findByText('第5条意见')).toBeTruthy()
})

test('my reply shows under its comment at once, after the replies not yet loaded are counted', async () => {
  mocked.listComments.mockResolvedValueOnce(commentPage([comment({ _id: 'c1', replies: numbered(2, 4, { parentId: 'c1' }), replyCount: 4, repliesNext: 'r-4' })], { next: 'more' }))
  mocked.createComment.mockResolvedValueOnce(comment({ _id: 'mine', parentId: 'c1', mine: true, authorName: '林志强', text: '我也同意' }))
  show()
  fireEvent.click(await screen.findByText('回复'))
  fireEvent.change(screen.getByPlaceholderText('回复 林水生…'), { target: { value: '我也同意' } })
  fireEvent.click(screen.getByText('发表回复'))
  // posted (the box empties, so the text is the reply's own) and counted
  expect(await screen.findByText('议事讨论（6）')).toBeTruthy()
  expect(screen.getByText('我也同意').tagName).not.toBe('TEXTAREA')
  expect(mocked.listComments).toHaveBeenCalledTimes(1)
  // the rest of the replies, when loaded, bring mine again: it is shown once
  mocked.listComments.mockResolvedValueOnce(commentPage([...numbered(5, 5, { parentId: 'c1' }), comment({ _id: 'mine', parentId: 'c1', mine: true, authorName: '林志强', text: '我也同意' })]))
  fireEvent.click(screen.getByText('展开更多回复（1条）'))
  expect(await screen.findByText('第5条意见')).toBeTruthy()
  await waitFor(() => expect(screen.getAllByText('我也同意')).toHaveLength(1))
})

test('the first page failing offers 重试', async () => {
  mocked.listComments.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' }))
  show()
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  mocked.listComments.mockResolvedValueOnce(commentPage(numbered(1, 1)))
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('第1条意见')).toBeTruthy()
})
