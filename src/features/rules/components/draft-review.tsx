import { Text, View } from '@tarojs/components'
import type { RuleVersionDetail } from '@contract'
import { formatTime } from '@/shared/time'
import { Card, Tag } from '@/shared/ui'
import { DiffView } from './diff-view'

/** After each save: what still keeps the draft from being published, and what changes against the current version. */
export function DraftReview({ detail, dirty }: { detail: RuleVersionDetail | null; dirty: boolean }) {
  if (!detail) {
    return (
      <Card title='发布前检查'>
        <Text className='vh-muted'>保存草稿后，这里会列出发布前还需完善的地方，以及与现行版本相比改了哪些条款。</Text>
      </Card>
    )
  }
  const problems = detail.problems ?? []
  return (
    <View>
      <Card title='发布前检查' extra={problems.length ? <Tag tone='red'>{`还有 ${problems.length} 处`}</Tag> : <Tag tone='green'>可以发布</Tag>}>
        {problems.length === 0 ? (
          <Text className='vh-muted'>条款、施行日期和表决情况都已齐全。</Text>
        ) : (
          <View>
            {problems.map((p, i) => (
              <Text key={`${p.field}-${i}`} className='rules-draft-problem'>{`${i + 1}. ${p.message}`}</Text>
            ))}
          </View>
        )}
        <Text className='vh-muted rules-draft-hint'>
          {`以上按 ${formatTime(detail.updatedAt)} 保存的内容检查${dirty ? '；之后的修改尚未保存' : ''}`}
        </Text>
      </Card>
      {detail.changes ? (
        <DiffView diff={detail.changes} title={`与现行第${detail.changes.from}版相比`} />
      ) : (
        <Card title='修改对照'>
          <Text className='vh-muted'>这是第一版，没有可对照的旧版本。</Text>
        </Card>
      )}
    </View>
  )
}
