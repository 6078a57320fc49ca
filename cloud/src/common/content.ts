import { ApiError } from '../errors'
import type { Context } from '../handler'

/**
 * The content check before anyone else sees what a person wrote: one check of all the fields
 * together; when it refuses, each field alone, so the error names the field to fix. Throws
 * CONTENT_REJECTED (内容不合规：…) with that field's reason; stores nothing.
 */
export async function checkText(ctx: Pick<Context, 'ports' | 'openid'>, fields: Record<string, string | null | undefined>): Promise<void> {
  const filled = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
  if (!filled.length) return
  const all = await ctx.ports.contentCheck.text(filled.map(([, v]) => v).join('\n'), ctx.openid)
  if (all.ok) return
  let [field, reason] = [filled[0][0], all.reason]
  if (filled.length > 1) {
    for (const [name, value] of filled) {
      const one = await ctx.ports.contentCheck.text(value, ctx.openid)
      if (!one.ok) {
        ;[field, reason] = [name, one.reason]
        break
      }
    }
  }
  throw new ApiError('CONTENT_REJECTED', `内容不合规：${reason}`, { [field]: reason })
}
