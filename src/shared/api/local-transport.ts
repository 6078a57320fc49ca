/** The h5 build's transport: the local server, signed in as the demo identity. Never in the weapp bundle. */
import type { ApiResult } from '@contract'
import { BOOT_FRESH_MS, type BootAnswers } from '../../../config/boot-calls'
import { getDemoOpenid } from './identity'
import { TransportError } from './transport-error'

/** the answer index.html asked for this call while the scripts loaded (config/boot-calls.ts), once and while fresh */
function takeBootAnswer(action: string, body: string): Promise<unknown> | undefined {
  const boot = (window as { __vhBoot?: BootAnswers }).__vhBoot
  if (!boot) return undefined
  const key = `${action} ${body}`
  const answer = boot.answers[key]
  delete boot.answers[key]
  return answer && Date.now() - boot.at < BOOT_FRESH_MS ? answer : undefined
}

export async function viaLocalServer(action: string, input: unknown): Promise<ApiResult<unknown>> {
  const body = JSON.stringify(input)
  const early = takeBootAnswer(action, body)
  if (early) {
    try {
      return (await early) as ApiResult<unknown>
    } catch {
      // it did not get through, or the answer was not JSON: asked again below, which tells which
    }
  }
  let res: Response
  try {
    res = await fetch(`/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-demo-openid': getDemoOpenid() },
      body,
    })
  } catch {
    // fetch rejects only when no answer came at all: offline, DNS, the server not listening
    throw new TransportError('NETWORK')
  }
  try {
    return (await res.json()) as ApiResult<unknown>
  } catch {
    // an answer that is not the router's JSON (a 502 page from a proxy, a crash): the server's fault
    throw new TransportError('SERVER')
  }
}
