/**
 * WeChat's privacy check (用户隐私保护指引): before the first use of photos (chooseImage), the camera
 * (scanCode) or the clipboard, WeChat asks the mini-program to show its privacy summary; the call
 * waits until the person agrees (through a button with open-type="agreePrivacyAuthorization") or
 * refuses. registerPrivacyCheck() is called once at app start; PrivacyPopup (in every Page) shows it.
 * Only in the weapp build: h5 has no such check (the build-time constant drops this branch).
 */
import { create } from 'zustand'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void
interface Wx {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, info: { referrer?: string }) => void) => void
}
declare const wx: Wx | undefined

interface PrivacyState {
  /** set while a privacy-bound call waits for the person's answer */
  resolve: Resolve | null
  /** which call asked (WeChat's referrer, e.g. chooseImage) */
  referrer: string | null
}
export const usePrivacy = create<PrivacyState>(() => ({ resolve: null, referrer: null }))

export const AGREE_BUTTON_ID = 'vh-privacy-agree'

/** Answers the waiting call and closes the popup. */
export function answerPrivacy(agree: boolean): void {
  const { resolve } = usePrivacy.getState()
  usePrivacy.setState({ resolve: null, referrer: null })
  resolve?.(agree ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
}

let registered = false
export function registerPrivacyCheck(): void {
  if (process.env.TARO_ENV !== 'weapp' || registered) return
  // older base libraries (before 2.32.3) have no privacy check: nothing to register
  if (typeof wx === 'undefined' || typeof wx.onNeedPrivacyAuthorization !== 'function') return
  registered = true
  wx.onNeedPrivacyAuthorization((resolve, info) => {
    usePrivacy.setState({ resolve, referrer: info?.referrer ?? null })
    // tells WeChat the summary is on screen
    resolve({ event: 'exposureAuthorization' })
  })
}
