/**
 * Asks WeChat's subscribe-message consent, so that the server may push a notice (a promotion from the
 * waitlist, tomorrow's reminder) to this person once. WeChat only asks from a tap, so call it right
 * after the action the person tapped. Only in the mini-program, only when a template id is
 * configured at build time (WX_TEMPLATE_NOTICE); a refusal or any failure is fine and never thrown.
 */
import Taro from '@tarojs/taro'

export type SubscribeKind = keyof typeof SUBSCRIBE_TEMPLATES

/** 'accepted' when the person allowed at least one template; 'skipped' when nothing was asked */
export type SubscribeOutcome = 'accepted' | 'refused' | 'skipped'

export function askSubscribe(...kinds: SubscribeKind[]): Promise<SubscribeOutcome> {
  // a build-time constant: the h5 bundle drops the rest
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve('skipped')
  // a block body: the constant is pasted in as an object literal, which an arrow's bare body would read as a block
  const tmplIds = kinds.map((k) => {
    return SUBSCRIBE_TEMPLATES[k]
  }).filter(Boolean)
  if (!tmplIds.length) return Promise.resolve('skipped')
  // Taro's Option type requires alipay's entityIds too; WeChat reads tmplIds only
  const option = { tmplIds } as unknown as Taro.requestSubscribeMessage.Option
  return Taro.requestSubscribeMessage(option).then(
    // the answer has one key per template id: 'accept', 'reject' or 'ban'
    (res): SubscribeOutcome => (tmplIds.some((id) => (res as unknown as Record<string, unknown>)[id] === 'accept') ? 'accepted' : 'refused'),
    (): SubscribeOutcome => 'refused',
  )
}
