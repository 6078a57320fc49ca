import { JoinPrompt } from '@/features/account/components/join-prompt'
import { AccountTab, HallCards } from '@/features/account/tab-cards'

/** 服务: the village's service hall (党群服务中心), and for hall staff the hall they work in. */
export default function ServicesPage() {
  return (
    <AccountTab>
      {(_, membership) =>
        membership ? <HallCards membership={membership} /> : <JoinPrompt text='加入您所在的村（社区）后，就可以查看服务中心、预约长者饭堂和服务站。' />
      }
    </AccountTab>
  )
}
