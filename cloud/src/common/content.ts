import { ApiError } from '../errors'
import type { Context } from '../handler'

/** msgSecCheck's limit on one text (characters); longer texts are checked in pieces */
export const MAX_CHECK_CHARS = 2500

/** The texts to send: the fields joined by newlines, in as few pieces of at most MAX_CHECK_CHARS as fit. */
function pieces(values: string[]): string[] {
  const out: string[] = []
  let piece = ''
  for (const value of values) {
    for (const chars = Array.from(value); chars.length; ) {
      const room = MAX_CHECK_CHARS - (piece ? Array.from(piece).length + 1 : 0)
      if (room <= 0) {
        out.push(piece)
        piece = ''
        continue
      }
      const part = chars.splice(0, room).join('')
      piece = piece ? `${piece}\n${part}` : part
    }
  }
  if (piece) out.push(piece)
  return out
}

async function verdict(ctx: Pick<Context, 'ports' | 'openid'>, values: string[]) {
  for (const text of pieces(values)) {
    const one = await ctx.ports.contentCheck.text(text, ctx.openid)
    if (!one.ok) return one
  }
  return { ok: true } as const
}

/**
 * The content check before anyone else sees what a person wrote — a resident's comment as much as
 * the committee's decision, rejection reason or rule clause: one check of all the fields
 * together; when it refuses, each field alone, so the error names the field to fix. Throws
 * CONTENT_REJECTED (内容不合规：…) with that field's reason; stores nothing.
 */
export async function checkText(ctx: Pick<Context, 'ports' | 'openid'>, fields: Record<string, string | null | undefined>): Promise<void> {
  const filled = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
  if (!filled.length) return
  const all = await verdict(ctx, filled.map(([, v]) => v))
  if (all.ok) return
  let [field, reason] = [filled[0][0], all.reason]
  if (filled.length > 1) {
    for (const [name, value] of filled) {
      const one = await verdict(ctx, [value])
      if (!one.ok) {
        ;[field, reason] = [name, one.reason]
        break
      }
    }
  }
  throw new ApiError('CONTENT_REJECTED', `内容不合规：${reason}`, { [field]: reason })
}

/**
 * The image check of photos before they are shown with a topic or an update (in WeChat the photo
 * went from the phone straight to storage, so this is the only look anyone takes at it): each
 * photo, one at a time (imgSecCheck takes one image). Throws CONTENT_REJECTED 图片不合规：… naming
 * the field; stores nothing. `known`: photos already checked when first saved, not checked again.
 */
export async function checkPhotoContent(ctx: Pick<Context, 'ports' | 'openid'>, fileIds: readonly string[], field = 'photos', known: readonly string[] = []): Promise<void> {
  for (const fileId of fileIds) {
    if (known.includes(fileId)) continue
    const one = await ctx.ports.contentCheck.image(fileId, ctx.openid)
    if (!one.ok) throw new ApiError('CONTENT_REJECTED', `图片不合规：${one.reason}`, { [field]: `第${fileIds.indexOf(fileId) + 1}张图片不合规：${one.reason}` })
  }
}
