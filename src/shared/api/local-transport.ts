/** The h5 build's transport: the local server, signed in as the demo identity. Never in the weapp bundle. */
import type { ApiResult } from '@contract'
import { getDemoOpenid } from './identity'
import { TransportError } from './transport-error'

export async function viaLocalServer(action: string, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response
  try {
    res = await fetch(`/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-demo-openid': getDemoOpenid() },
      body: JSON.stringify(input),
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
