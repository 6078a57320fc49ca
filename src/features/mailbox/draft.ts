/**
 * A letter's draft, kept on the phone (Taro storage) as it is typed: it survives leaving the page and a send that
 * failed for the network. One per village; cleared once the letter is sent.
 */
import Taro from '@tarojs/taro'
import type { LetterTo } from '@contract'

export interface LetterDraft {
  to: LetterTo
  subject: string
  text: string
  /** uploaded photos' fileIds */
  photos: string[]
  anonymous: boolean
  consent: boolean
  publicName: boolean
}

export const EMPTY_DRAFT: LetterDraft = { to: 'committee', subject: '', text: '', photos: [], anonymous: false, consent: false, publicName: false }

const key = (villageId: string) => `vh.letterDraft.${villageId}`

export const hasContent = (d: LetterDraft): boolean => Boolean(d.subject.trim() || d.text.trim() || d.photos.length)

export function loadDraft(villageId: string): LetterDraft | null {
  const raw: unknown = Taro.getStorageSync(key(villageId))
  if (!raw || typeof raw !== 'object') return null
  const d = { ...EMPTY_DRAFT, ...(raw as Partial<LetterDraft>) }
  return hasContent(d) ? d : null
}

export function saveDraft(villageId: string, d: LetterDraft): void {
  try {
    Taro.setStorageSync(key(villageId), hasContent(d) ? d : '')
  } catch {
    // storage full or unavailable: the form still works, only the draft is not kept
  }
}

export const clearDraft = (villageId: string): void => saveDraft(villageId, EMPTY_DRAFT)

