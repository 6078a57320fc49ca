/**
 * 随手拍's draft, kept on the phone (Taro storage) as it is typed: it survives leaving the page, closing the
 * mini-program and a send that failed for the network. One per village; cleared once the report is sent
 * (or 同问 was added instead).
 */
import Taro from '@tarojs/taro'
import type { GeoPoint } from '@contract'

export interface ReportDraft {
  category: string
  text: string
  /** uploaded photos' fileIds */
  photos: string[]
  address: string
  /** GCJ-02, as WeChat's chooseLocation gives it */
  point: GeoPoint | null
  anonymous: boolean
}

export const EMPTY_DRAFT: ReportDraft = { category: '', text: '', photos: [], address: '', point: null, anonymous: false }

const key = (villageId: string) => `vh.reportDraft.${villageId}`

/** whether anything worth keeping was entered */
export const hasContent = (d: ReportDraft): boolean => Boolean(d.category || d.text.trim() || d.photos.length || d.address.trim() || d.point)

export function loadDraft(villageId: string): ReportDraft | null {
  const raw: unknown = Taro.getStorageSync(key(villageId))
  if (!raw || typeof raw !== 'object') return null
  const d = { ...EMPTY_DRAFT, ...(raw as Partial<ReportDraft>) }
  return hasContent(d) ? d : null
}

export function saveDraft(villageId: string, d: ReportDraft): void {
  try {
    Taro.setStorageSync(key(villageId), hasContent(d) ? d : '')
  } catch {
    // storage full or unavailable: the form still works, only the draft is not kept
  }
}

export const clearDraft = (villageId: string): void => saveDraft(villageId, EMPTY_DRAFT)
