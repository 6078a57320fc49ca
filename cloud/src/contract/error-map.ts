import { z } from 'zod'

/** zod's own messages are English; a villager reads these instead. A message set in a schema wins over this. */
export const chineseErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '此项必填' : '格式不对' }
    case z.ZodIssueCode.too_small:
      return { message: issue.type === 'string' ? `至少${issue.minimum}个字` : issue.type === 'array' ? `至少选${issue.minimum}项` : `不能小于${issue.minimum}` }
    case z.ZodIssueCode.too_big:
      return { message: issue.type === 'string' ? `不超过${issue.maximum}个字` : issue.type === 'array' ? `最多${issue.maximum}项` : `不能大于${issue.maximum}` }
    case z.ZodIssueCode.invalid_enum_value:
      return { message: '请从给出的选项中选择' }
    case z.ZodIssueCode.unrecognized_keys:
      return { message: '含有不认识的内容' }
    default:
      return { message: ctx.defaultError === 'Required' ? '此项必填' : '填写的内容有误' }
  }
}
