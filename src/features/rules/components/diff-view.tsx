import { Text, View } from '@tarojs/components'
import type { RulesDiff } from '@contract'
import { clauseLabel as label } from '@contract/tables'
import { Card } from '@/shared/ui'
import './rules.scss'

/** What changed between two versions: added, changed (old and new side by side), removed. */
export function DiffView({ diff, title }: { diff: RulesDiff; title?: string }) {
  const nothing = !diff.added.length && !diff.changed.length && !diff.removed.length
  return (
    <Card title={title ?? `第${diff.to}版与第${diff.from}版相比`}>
      {nothing && <Text className='vh-muted'>条文没有变化</Text>}
      {diff.changed.map((c) => (
        <View key={c.id} className='rules-diff rules-diff--changed'>
          <Text className='rules-diff__tag'>{`修改 ${label(c.newNo)}`}</Text>
          <View className='rules-diff__pair'>
            <View className='rules-diff__old'>
              <Text className='rules-diff__caption'>{`原${label(c.oldNo)}`}</Text>
              <Text>{c.oldText}</Text>
            </View>
            <View className='rules-diff__new'>
              <Text className='rules-diff__caption'>{`现${label(c.newNo)}`}</Text>
              <Text>{c.newText}</Text>
            </View>
          </View>
        </View>
      ))}
      {diff.added.map((c) => (
        <View key={c.id} className='rules-diff rules-diff--added'>
          <Text className='rules-diff__tag'>{`新增 ${label(c.no)}`}</Text>
          <Text>{c.text}</Text>
        </View>
      ))}
      {diff.removed.map((c) => (
        <View key={c.id} className='rules-diff rules-diff--removed'>
          <Text className='rules-diff__tag'>{`删除 原${label(c.no)}`}</Text>
          <Text className='rules-diff__struck'>{c.text}</Text>
        </View>
      ))}
      {diff.unchanged > 0 && <Text className='vh-muted'>{`其余 ${diff.unchanged} 条没有变化`}</Text>}
    </Card>
  )
}
