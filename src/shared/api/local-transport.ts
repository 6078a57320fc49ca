/** The h5 build's transport: the local server, signed in as the demo identity. Never in the weapp bundle. */
import type { ApiResult } from '@contract'
import { getDemoOpenid } from './identity'

export async function viaLocalServer(action: string, input: unknown): Promise<ApiResult<unknown>> {
  const res = await fetch(`/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-openid': getDemoOpenid() },
    body: JSON.stringify(input),
  })
  return (await res.json()) as ApiResult<unknown>
}
