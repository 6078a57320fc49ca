import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { CallError } from '../../src/shared/api/call'
import { PhotoGrid, PhotoPicker } from '../../src/shared/ui/photo-picker'
import * as upload from '../../src/shared/upload/upload-photo'

jest.mock('../../src/shared/upload/upload-photo', () => ({
  ...jest.requireActual('../../src/shared/upload/upload-photo'),
  uploadPhoto: jest.fn(),
}))
const uploadPhoto = jest.mocked(upload.uploadPhoto)
const taro = jest.mocked(Taro)

const picks = (...paths: string[]) => taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: paths, tempFiles: [], errMsg: 'chooseImage:ok' })
/** an upload that finishes when the test says so */
function deferred() {
  let resolve!: (id: string) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<string>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const changes: string[][] = []
const busy: boolean[] = []
function Form({ initial = [] as string[], urls = {} as Record<string, string>, max = 9 }) {
  const [photos, setPhotos] = useState(initial)
  return (
    <PhotoPicker
      villageId='v-xinshan'
      value={photos}
      urls={urls}
      max={max}
      onChange={(ids) => {
        changes.push(ids)
        setPhotos(ids)
      }}
      onBusyChange={(b) => busy.push(b)}
    />
  )
}
const images = () => Array.from(document.querySelectorAll('img')).map((i) => i.getAttribute('src'))

beforeEach(() => {
  jest.clearAllMocks()
  changes.length = 0
  busy.length = 0
})

describe('PhotoPicker', () => {
  test('picked photos upload one tile each, showing 上传中… until done, then join the list in the form', async () => {
    render(<Form initial={['local://villages/v-xinshan/photos/1/a.jpg']} urls={{ 'local://villages/v-xinshan/photos/1/a.jpg': '/files/a.jpg' }} />)
    expect(images()).toEqual(['/files/a.jpg'])
    expect(screen.getByText('1/9 张')).toBeTruthy()
    const first = deferred()
    const second = deferred()
    uploadPhoto.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    picks('blob:one', 'blob:two')

    fireEvent.click(screen.getByText('添加照片'))
    await waitFor(() => expect(screen.getAllByText('上传中…')).toHaveLength(2))
    // only as many as there is room for, compressed
    expect(taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 8, sizeType: ['compressed'] }))
    expect(uploadPhoto.mock.calls).toEqual([
      ['v-xinshan', 'blob:one'],
      ['v-xinshan', 'blob:two'],
    ])
    expect(busy).toContain(true)
    expect(screen.getByText('1/9 张，正在上传…')).toBeTruthy()

    await act(async () => second.resolve('local://villages/v-xinshan/photos/1/two.jpg'))
    await act(async () => first.resolve('local://villages/v-xinshan/photos/1/one.jpg'))
    expect(screen.queryByText('上传中…')).toBeNull()
    expect(changes.at(-1)).toEqual(['local://villages/v-xinshan/photos/1/a.jpg', 'local://villages/v-xinshan/photos/1/two.jpg', 'local://villages/v-xinshan/photos/1/one.jpg'])
    expect(busy.at(-1)).toBe(false)
    // a new photo shows from the phone's own file
    expect(images()).toEqual(['/files/a.jpg', 'blob:two', 'blob:one'])
    expect(screen.getByText('3/9 张')).toBeTruthy()
  })

  test('a failed upload says 上传失败，请重试 and a tap on it tries again', async () => {
    render(<Form />)
    uploadPhoto.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力' }))
    picks('blob:one')
    fireEvent.click(screen.getByText('添加照片'))
    expect((await screen.findByRole('alert')).textContent).toBe('上传失败，请重试')
    expect(changes).toEqual([])

    uploadPhoto.mockResolvedValueOnce('local://villages/v-xinshan/photos/1/one.jpg')
    fireEvent.click(screen.getByText('点击重试'))
    await waitFor(() => expect(changes).toEqual([['local://villages/v-xinshan/photos/1/one.jpg']]))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(uploadPhoto).toHaveBeenCalledTimes(2)
  })

  test("the server's reason is shown when it refused the picture; the failed tile can be removed", async () => {
    render(<Form />)
    uploadPhoto.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '图片不能超过5MB' }))
    picks('blob:big')
    fireEvent.click(screen.getByText('添加照片'))
    expect((await screen.findByRole('alert')).textContent).toBe('上传失败：图片不能超过5MB')
    fireEvent.click(screen.getByText('×'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(images()).toEqual([])
  })

  test('× removes a photo; no 添加照片 once there are max; cancelling the album changes nothing', async () => {
    const ids = ['a', 'b', 'c'].map((n) => `local://villages/v-xinshan/photos/1/${n}.jpg`)
    render(<Form initial={ids} urls={Object.fromEntries(ids.map((id, i) => [id, `/files/${i}.jpg`]))} max={3} />)
    expect(screen.queryByText('添加照片')).toBeNull()
    fireEvent.click(screen.getAllByText('×')[1])
    expect(changes).toEqual([[ids[0], ids[2]]])
    expect(images()).toEqual(['/files/0.jpg', '/files/2.jpg'])

    taro.chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' })
    fireEvent.click(screen.getByText('添加照片'))
    await waitFor(() => expect(taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 1 })))
    expect(uploadPhoto).not.toHaveBeenCalled()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('a tap on a thumbnail opens the full-screen viewer', () => {
    const ids = ['x', 'y']
    render(<Form initial={ids} urls={{ x: '/files/x.jpg', y: '/files/y.jpg' }} />)
    fireEvent.click(document.querySelectorAll('img')[1])
    expect(taro.previewImage).toHaveBeenCalledWith({ urls: ['/files/x.jpg', '/files/y.jpg'], current: '/files/y.jpg' })
  })
})

describe('PhotoGrid', () => {
  test('shows the photos that have a URL; a tap previews them all from the one tapped', () => {
    render(<PhotoGrid ids={['f1', 'gone', 'f2']} urls={{ f1: 'https://x/f1.jpg', f2: 'https://x/f2.jpg' }} />)
    expect(images()).toEqual(['https://x/f1.jpg', 'https://x/f2.jpg'])
    fireEvent.click(document.querySelectorAll('img')[0])
    expect(taro.previewImage).toHaveBeenCalledWith({ urls: ['https://x/f1.jpg', 'https://x/f2.jpg'], current: 'https://x/f1.jpg' })
  })
})

describe('uploadPhoto in WeChat', () => {
  test("the cloud path is the village's photo folder for the day", () => {
    expect(upload.cloudPhotoPath('v-xinshan', 'wxfile://tmp/abc.jpg', Date.UTC(2026, 10, 26, 17, 0))).toMatch(/^villages\/v-xinshan\/photos\/20261127\/[a-z0-9]+\.jpg$/)
    expect(upload.cloudPhotoPath('v-xinshan', 'http://tmp/abc.PNG')).toMatch(/\.png$/)
  })
})
