import { z } from 'zod'
import { action } from '../../contract/action'
import type { Role } from '../account/documents'

export interface DemoIdentity {
  openid: string
  name: string
  /** e.g. 新山村 · 村委会、党员 */
  summary: string
  roles: Role[]
}

export const devActions = {
  'dev.identities': action<DemoIdentity[]>()(z.object({})),
}
