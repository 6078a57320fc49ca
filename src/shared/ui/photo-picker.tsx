/**
 * Photos a resident adds to what they post, and photos as everyone sees them. PhotoPicker: the
 * photos so far with a big × each, a 添加照片 tile while fewer than max, each new photo uploading on
 * its own tile (a failed one says so and retries on a tap). PhotoGrid: a grid of thumbnails; a tap
 * opens WeChat's full-screen viewer.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { CallError } from '../api/call'
import { Alert, focusable, pressable } from '.'
import { choosePhotos, uploadPhoto } from '../upload/upload-photo'
import './photo-picker.scss'

function preview(urls: string[], current: string) {
  void Taro.previewImage({ urls, current })
}

/** Thumbnails of photos by fileId, from the URLs the server resolved; ids without a URL are left out. */
export function PhotoGrid({ ids, urls }: { ids: string[]; urls: Record<string, string> }) {
  const list = ids.map((id) => urls[id]).filter((u): u is string => Boolean(u))
  if (list.length === 0) return null
  return (
    <View className='vh-photos'>
      {list.map((url, i) => (
        <View key={`${i}:${url}`} className='vh-photos__tile' {...pressable(() => preview(list, url))}>
          <Image className='vh-photos__img' src={url} mode='aspectFill' lazyLoad nativeProps={{ alt: '照片' }} />
        </View>
      ))}
    </View>
  )
}

interface Pending {
  key: string
  /** the picked file (temp path or blob URL), shown while it uploads */
  path: string
  status: 'uploading' | 'failed'
  error?: string
}

let seq = 0
const failure = (e: unknown) => (e instanceof CallError && e.code === 'BAD_INPUT' ? `上传失败：${e.message}` : '上传失败，请重试')

export function PhotoPicker({
  villageId,
  value,
  onChange,
  urls = {},
  max = 9,
  onBusyChange,
}: {
  villageId: string
  /** fileIds, in order */
  value: string[]
  onChange: (fileIds: string[]) => void
  /** URLs the server resolved for photos saved earlier */
  urls?: Record<string, string>
  max?: number
  /** true while any photo is still uploading (a form may wait for it) */
  onBusyChange?: (busy: boolean) => void
}) {
  const [pending, setPending] = useState<Pending[]>([])
  const [chooseError, setChooseError] = useState<string | null>(null)
  // what this picker uploaded shows from the local file; a saved photo from its URL
  const [local, setLocal] = useState<Record<string, string>>({})
  // uploads finish one by one; each adds to the latest list, not the one it started with
  const valueRef = useRef(value)
  valueRef.current = value
  const busy = pending.some((p) => p.status === 'uploading')
  const busyRef = useRef(onBusyChange)
  busyRef.current = onBusyChange
  useEffect(() => {
    busyRef.current?.(busy)
  }, [busy])

  async function send(item: Pending) {
    try {
      const fileId = await uploadPhoto(villageId, item.path)
      setLocal((m) => ({ ...m, [fileId]: item.path }))
      setPending((ps) => ps.filter((p) => p.key !== item.key))
      const next = [...valueRef.current, fileId]
      valueRef.current = next
      onChange(next)
    } catch (e) {
      setPending((ps) => ps.map((p) => (p.key === item.key ? { ...p, status: 'failed', error: failure(e) } : p)))
    }
  }

  async function add() {
    setChooseError(null)
    let paths: string[]
    try {
      paths = await choosePhotos(max - valueRef.current.length - pending.length)
    } catch (e) {
      setChooseError(e instanceof Error ? e.message : '没能打开相册，请重试')
      return
    }
    const items = paths.map((path): Pending => ({ key: `p${++seq}`, path, status: 'uploading' }))
    if (!items.length) return
    setPending((ps) => [...ps, ...items])
    await Promise.all(items.map(send))
  }

  function retry(item: Pending) {
    const again: Pending = { ...item, status: 'uploading', error: undefined }
    setPending((ps) => ps.map((p) => (p.key === item.key ? again : p)))
    void send(again)
  }

  function remove(index: number) {
    const next = valueRef.current.filter((_, i) => i !== index)
    valueRef.current = next
    onChange(next)
  }

  const shown = value.map((id) => local[id] ?? urls[id] ?? '')
  const viewable = shown.filter(Boolean)
  const failed = pending.filter((p) => p.status === 'failed')
  const room = max - value.length - pending.length
  return (
    <View className='vh-photo-picker'>
      <View className='vh-photos'>
        {value.map((id, i) => (
          <View key={id} className='vh-photos__tile'>
            {shown[i] ? (
              <View className='vh-photos__fill' {...pressable(() => preview(viewable, shown[i]))}>
                <Image className='vh-photos__img' src={shown[i]} mode='aspectFill' nativeProps={{ alt: `照片${i + 1}` }} />
              </View>
            ) : (
              <Text className='vh-photos__note'>照片</Text>
            )}
            <View className='vh-photos__remove' role='button' {...focusable()} onClick={() => remove(i)}>
              <Text>×</Text>
            </View>
          </View>
        ))}
        {pending.map((p) => (
          <View key={p.key} className={`vh-photos__tile vh-photos__tile--${p.status}`}>
            <Image className='vh-photos__img' src={p.path} mode='aspectFill' nativeProps={{ alt: '正在上传的照片' }} />
            {p.status === 'uploading' ? (
              <View className='vh-photos__cover'>
                <Text>上传中…</Text>
              </View>
            ) : (
              <>
                <View className='vh-photos__cover vh-photos__cover--failed' role='button' {...focusable()} onClick={() => retry(p)}>
                  <Text>点击重试</Text>
                </View>
                <View className='vh-photos__remove' role='button' {...focusable()} onClick={() => setPending((ps) => ps.filter((x) => x.key !== p.key))}>
                  <Text>×</Text>
                </View>
              </>
            )}
          </View>
        ))}
        {room > 0 && (
          <View className='vh-photos__tile vh-photos__add' role='button' {...focusable()} onClick={() => void add()}>
            <Text className='vh-photos__plus'>＋</Text>
            <Text>添加照片</Text>
          </View>
        )}
      </View>
      <Text className='vh-muted vh-photo-picker__count'>{`${value.length}/${max} 张${busy ? '，正在上传…' : ''}`}</Text>
      <Alert message={chooseError ?? failed[failed.length - 1]?.error} />
    </View>
  )
}
