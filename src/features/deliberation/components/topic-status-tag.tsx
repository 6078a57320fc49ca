import { Tag } from '@/shared/ui'
import { statusTag } from '../labels'

/** The topic's state in one word, the same for residents and the committee. */
export function TopicStatusTag({ topic }: { topic: Parameters<typeof statusTag>[0] }) {
  const s = statusTag(topic)
  return <Tag tone={s.tone}>{s.text}</Tag>
}
