import { JoinPrompt } from '@/features/account/components/join-prompt'
import { AccountTab } from '@/features/account/tab-cards'
import { VillageTopics } from '@/features/deliberation/tab-cards'

/** 议事: the village's topics, by stage; 村民提议; for the committee, 发布议题 and the drafts. */
export default function TopicsPage() {
  return (
    <AccountTab tab='topics'>
      {(_, membership) => (membership ? <VillageTopics membership={membership} /> : <JoinPrompt text='加入您所在的村（社区）后，就可以参与村里的议事和表决。' />)}
    </AccountTab>
  )
}
