import { z } from 'zod'
import { action } from '../../contract/action'
import type { AuditEntry } from '../../common/audit'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')
const day = (message: string) => z.string().trim().regex(/^20\d\d-[01]\d-[0-3]\d$/, message)

export interface AuditPage {
  /** newest first: on the first page the pending entries (not linked yet, no seq), then the chained ones */
  entries: AuditEntry[]
  /** pass as `before` for the next page (chained entries below this seq); null at the chain's start */
  nextCursor: number | null
}

/** What checking the chain found (for the person who asked: plain words beside the figures). */
export type AuditCheck =
  | { ok: true; count: number; /** entries written, not yet linked by the job */ pending: number; checkedAt: number; message: string }
  | { ok: false; count: number; brokenAt: number; checkedAt: number; message: string }

export const auditActions = {
  /** the village's log, newest first, filtered by who, what object, which action and which days (Asia/Shanghai) */
  'audit.list': action<AuditPage>()(
    z
      .object({
        villageId: id,
        actorId: id.optional(),
        targetType: z.string().trim().min(1).max(40).optional(),
        targetId: id.optional(),
        action: z.string().trim().min(1).max(60).optional(),
        from: day('开始日期无效').optional(),
        to: day('结束日期无效').optional(),
        before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        limit: z.number().int().min(1).max(100).default(30),
      })
      .refine((v) => !v.targetId || v.targetType, { message: '请同时指定对象类型', path: ['targetType'] })
      .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
  ),
  /** everyone who appears in the log as the one who acted (for the 操作人 filter) */
  'audit.actors': action<Array<{ id: string; name: string }>>()(z.object({ villageId: id })),
  /** recomputes the whole chain */
  'audit.verify': action<AuditCheck>()(z.object({ villageId: id })),
}
