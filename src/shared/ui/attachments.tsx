/**
 * PDF attachments. AttachmentList: each one's name and size with 打开 (WeChat's document viewer, or the
 * browser's). AttachmentPicker: the attachments so far with 移除, and 添加PDF附件 while fewer than max; a
 * picked file over 10 MB is refused before it goes up, and the server's refusal (只支持 PDF 文件…) is shown.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { CallError } from '../api/call'
import { Alert, Button, pressable, Tag } from '.'
import { fileSizeText, MAX_DOCUMENT_BYTES, openDocument, uploadDocument } from '../upload/documents'
import { pickFile } from '../upload/pick-file'

export interface AttachmentValue {
  fileId: string
  name: string
  size: number
}

function AttachmentRow({ a, action }: { a: AttachmentValue; action: { label: string; run: () => void } | null }) {
  return (
    <View className='vh-row'>
      <View className='vh-row__label'>
        <Tag>PDF</Tag>
        <Text>{a.name}</Text>
      </View>
      <View className='vh-row__value'>
        <Text className='vh-muted'>{`${fileSizeText(a.size)} `}</Text>
        {action && (
          <Text style={{ color: '#1f6fb2' }} {...pressable(action.run)}>
            {action.label}
          </Text>
        )}
      </View>
    </View>
  )
}

/** The attachments as a reader sees them; those without a URL (storage could not give one) show without 打开. */
export function AttachmentList({ items }: { items: Array<AttachmentValue & { url: string | null }> }) {
  if (items.length === 0) return null
  return (
    <View>
      {items.map((a) => (
        <AttachmentRow key={a.fileId} a={a} action={a.url ? { label: '打开', run: () => void openDocument(a.url!) } : null} />
      ))}
    </View>
  )
}

export function AttachmentPicker({
  villageId,
  value,
  onChange,
  max = 5,
  onBusyChange,
}: {
  villageId: string
  value: AttachmentValue[]
  onChange: (next: AttachmentValue[]) => void
  max?: number
  onBusyChange?: (busy: boolean) => void
}) {
  const [uploading, setUploading] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function add() {
    setError(null)
    let picked
    try {
      picked = await pickFile('pdf')
    } catch (e) {
      setError(e instanceof Error ? e.message : '没能打开文件，请重试')
      return
    }
    if (!picked) return
    if (picked.size > MAX_DOCUMENT_BYTES) return setError(`「${picked.name}」超过10MB，请压缩后再添加`)
    setUploading(picked.name)
    onBusyChange?.(true)
    try {
      const fileId = await uploadDocument(villageId, picked.path)
      onChange([...value, { fileId, name: picked.name, size: picked.size }])
    } catch (e) {
      setError(e instanceof CallError && e.code === 'BAD_INPUT' ? `「${picked.name}」上传失败：${e.message}` : '上传失败，请重试')
    } finally {
      setUploading(null)
      onBusyChange?.(false)
    }
  }

  return (
    <View>
      {value.map((a) => (
        <AttachmentRow key={a.fileId} a={a} action={{ label: '移除', run: () => onChange(value.filter((x) => x.fileId !== a.fileId)) }} />
      ))}
      {uploading && <Text className='vh-muted'>{`正在上传「${uploading}」…`}</Text>}
      {value.length < max && !uploading && (
        <Button block onClick={() => void add()}>
          添加PDF附件
        </Button>
      )}
      <Alert message={error} />
    </View>
  )
}
