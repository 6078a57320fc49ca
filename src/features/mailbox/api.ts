/** The mailbox feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const getSettings = (villageId: string) => call('mailbox.settings', { villageId })
export const writeLetter = (input: InputOf<'mailbox.write'>) => call('mailbox.write', input)
export const getMine = (villageId: string) => call('mailbox.mine', { villageId })
export const getLetter = (villageId: string, letterId: string) => call('mailbox.get', { villageId, letterId })
export const rateLetter = (villageId: string, letterId: string, rating: number, note: string | null) => call('mailbox.rate', { villageId, letterId, rating, note })
export const setConsent = (villageId: string, letterId: string, consent: boolean, publicName: boolean) => call('mailbox.consent', { villageId, letterId, consent, publicName })
export const getPublic = (villageId: string) => call('mailbox.public', { villageId })

export type InboxFilter = NonNullable<InputOf<'mailbox.inbox'>['filter']>
export const getInbox = (villageId: string, filter: InboxFilter) => call('mailbox.inbox', { villageId, filter })
export const acceptLetter = (villageId: string, letterId: string, note: string | null) => call('mailbox.accept', { villageId, letterId, note })
export const replyLetter = (villageId: string, letterId: string, text: string, photos: string[]) => call('mailbox.reply', { villageId, letterId, text, photos })
export const publishLetter = (villageId: string, letterId: string, makePublic: boolean) => call('mailbox.publish', { villageId, letterId, public: makePublic })
export const saveSettings = (villageId: string, replyDays: number) => call('mailbox.setSettings', { villageId, replyDays })
