/** Why a call failed on the way (its own file: the transports throw it, call.ts reads it, without an import cycle). */
export type TransportCode = 'NETWORK' | 'TIMEOUT' | 'SERVER'

export const TRANSPORT_MESSAGES: Record<TransportCode, string> = {
  NETWORK: '网络不通，请检查网络后重试',
  TIMEOUT: '网络太慢，没有等到回复。请稍后查看是否已办好，再决定是否重试',
  SERVER: '服务器出了问题，请稍后再试（不是您的网络问题）',
}

/** a transport that knows why it failed throws this; anything else it throws counts as NETWORK */
export class TransportError extends Error {
  constructor(readonly code: TransportCode) {
    super(code)
  }
}
