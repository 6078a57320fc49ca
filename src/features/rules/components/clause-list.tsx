import { Text, View } from '@tarojs/components'
import type { NumberedChapter } from '@contract'
import './rules.scss'

/** The rules as people read them: chapters, and numbered clauses in large clear type. */
export function ClauseList({ chapters }: { chapters: NumberedChapter[] }) {
  return (
    <View>
      {chapters.map((ch) => (
        <View key={ch.no} className='rules-chapter'>
          <Text className='rules-chapter__title'>{`${ch.label} ${ch.title}`}</Text>
          {ch.clauses.map((c) => (
            <View key={c.id} className='rules-clause'>
              <Text className='rules-clause__no'>{c.label}</Text>
              <Text>{c.text}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
