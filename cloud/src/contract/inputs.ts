/**
 * The input pieces every feature's contract is built from, so that an id, a text, a day or the photos
 * are checked, and refused in the same words, everywhere.
 */
import { z } from 'zod'

/** a document id given back by the app (a village, a topic, a letter…) */
export const id = z.string().trim().min(1, '缺少编号').max(160, '编号过长')
export const villageId = id

/** a text a person writes: trimmed, with its name in the refusal (empty: 请填写标题; short: 标题至少4个字; long: 标题不超过40个字) */
export const text = (what: string, max: number, min = 1) =>
  z
    .string({ required_error: `请填写${what}`, invalid_type_error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .min(min, `${what}至少${min}个字`)
    .max(max, `${what}不超过${max}个字`)

/** uploaded photos: file ids from the checked upload path */
export const photos = (max: number) => z.array(z.string().max(300, '照片无效'), { invalid_type_error: '照片无效' }).max(max, `最多${max}张照片`)

/** a calendar day, 2026-12-03 */
/** a keyset page's position, as the previous page gave it (common/keyset.ts): the last item's sort value and id (`value:id`, a text's a JSON pair); none for the first page */
export const cursor = z
  .string()
  .trim()
  .max(300, '分页位置有误')
  .regex(/^(\d{1,15}:\S+|\[".*"\])$/, '分页位置有误')
  .nullable()
  .default(null)
/** an export's page (common/csv.ts): the `next` of the page before, as the server gave it; none for the first page */
export const csvAfter = z.string().trim().min(1, '导出位置有误').max(300, '导出位置有误').nullish()

export const day = z.string().trim().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-12-03')
/** a clock time of day, 11:30 */
export const clock = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 11:30')
