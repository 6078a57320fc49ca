/** A letter in a list: subject, state, due clock, excerpt; a tap opens it. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LetterSummary } from '@contract'
import { LETTER_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { Card, pressable, Tag } from '@/shared/ui'
import { formatTime } from '@/shared/time'
import { dueWords, STATUS_TONE, writerWords } from '../labels'

export function LetterItem({ letter, villageId }: { letter: LetterSummary; villageId: string }) {
  const due = dueWords(letter)
  const open = () => void Taro.navigateTo({ url: pageUrl('mailbox.letter', { villageId, letterId: letter.id }) })
  return (
    <Card>
      <View {...pressable(open)}>
        <View>
          <Text className='vh-title'>{letter.subject}</Text> <Tag tone={STATUS_TONE[letter.status]}>{LETTER_STATUS_LABELS[letter.status]}</Tag>
          {letter.overdue && <Tag tone='red'>已逾期</Tag>}
          {letter.public && <Tag tone='grey'>已公开</Tag>}
        </View>
        <Text className='vh-block'>{letter.excerpt}</Text>
        <Text className='vh-muted vh-block'>
          {[writerWords(letter), formatTime(letter.createdAt), due, letter.rating ? `评分${letter.rating}星` : null].filter(Boolean).join(' · ')}
        </Text>
      </View>
    </Card>
  )
}
