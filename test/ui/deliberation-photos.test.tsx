/** Photos in the committee's pages: 背景照片 in the topic editor, photos with a 落实进展 update. */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import { useAccount } from '../../src/features/account/store'
import EditPage from '../../src/features/deliberation/pages/edit'
import ManagePage from '../../src/features/deliberation/pages/manage'
import * as upload from '../../src/shared/upload/upload-photo'
import { meWithTwoVillages } from './fixtures'
import { DAY, detail, NOW } from './mocks/deliberation-committee'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/shared/upload/upload-photo', () => ({
  ...jest.requireActual('../../src/shared/upload/upload-photo'),
  uploadPhoto: jest.fn(),
}))
const mocked = jest.mocked(api)
const uploadPhoto = jest.mocked(upload.uploadPhoto)
const taro = jest.mocked(Taro)
const picks = (...paths: string[]) => taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: paths, tempFiles: [], errMsg: 'chooseImage:ok' })
const photo = (name: string) => `local://villages/v-xinshan/photos/20261126/${name}.jpg`
const images = () => Array.from(document.querySelectorAll('img')).map((i) => i.getAttribute('src'))

beforeEach(() => {
  jest.clearAllMocks()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})
afterEach(() => {
  jest.restoreAllMocks()
  router.params = {}
})

test('a draft keeps its background photos, and a new one is saved with them once uploaded (保存草稿 waits for the upload)', async () => {
  router.params = { topicId: 'v-xinshan%3At1' }
  const draft = detail({ status: 'draft', photos: [photo('old')] }, { photoUrls: { [photo('old')]: '/files/old.jpg' } })
  mocked.getTopic.mockResolvedValue(draft)
  mocked.saveTopic.mockResolvedValue(draft)
  render(<EditPage />)
  expect(await screen.findByText('背景照片')).toBeTruthy()
  expect(images()).toEqual(['/files/old.jpg'])

  let finish!: (id: string) => void
  uploadPhoto.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)))
  picks('blob:new')
  fireEvent.click(screen.getByText('添加照片'))
  expect(await screen.findByText('上传中…')).toBeTruthy()
  expect(uploadPhoto).toHaveBeenCalledWith('v-xinshan', 'blob:new')
  expect(screen.getByText('保存草稿').closest('button')!.disabled).toBe(true)

  await act(async () => finish(photo('new')))
  expect(screen.getByText('有未保存的修改')).toBeTruthy()
  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(mocked.saveTopic).toHaveBeenCalledTimes(1))
  expect(mocked.saveTopic.mock.calls[0][0]).toMatchObject({ topicId: 'v-xinshan:t1', photos: [photo('old'), photo('new')] })
})

test('落实进展: an update goes out with its photos, and the timeline shows them', async () => {
  router.params = { topicId: 'v-xinshan%3At1' }
  const decision = { text: '同意硬化村东道路。', byName: '林志强', at: NOW - DAY }
  const decided = detail({ status: 'decided', closesAt: NOW - 2 * DAY, closedAt: NOW - 2 * DAY, decision })
  mocked.getTopic.mockResolvedValue(decided)
  mocked.getTurnoutByGrid.mockResolvedValue([])
  const update = { id: 'u1', text: '路基已经铺好。', photos: [photo('road')], done: false, byName: '林志强', at: NOW }
  mocked.addTopicUpdate.mockResolvedValue(detail({ ...decided.topic, updates: [update] }, { photoUrls: { [photo('road')]: '/files/road.jpg' } }))
  render(<ManagePage />)
  expect(await screen.findByText('新的进展')).toBeTruthy()

  uploadPhoto.mockResolvedValueOnce(photo('road'))
  picks('blob:road')
  fireEvent.click(screen.getByText('添加照片'))
  await waitFor(() => expect(images()).toEqual(['blob:road']))
  fireEvent.change(screen.getByPlaceholderText('这一步做了什么，如：已完成招标，12月10日开工。'), { target: { value: '路基已经铺好。' } })
  fireEvent.click(screen.getByText('发布进展'))
  await waitFor(() => expect(mocked.addTopicUpdate).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: 'v-xinshan:t1', text: '路基已经铺好。', photos: [photo('road')], done: false }))
  expect(await screen.findByText('路基已经铺好。')).toBeTruthy()
  // the form is empty again; the photo is in the timeline
  expect(images()).toEqual(['/files/road.jpg'])
  fireEvent.click(document.querySelector('img')!)
  expect(taro.previewImage).toHaveBeenCalledWith({ urls: ['/files/road.jpg'], current: '/files/road.jpg' })
})
