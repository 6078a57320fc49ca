import { JoinPrompt } from '@/features/account/components/join-prompt'
import { AccountTab } from '@/features/account/tab-cards'
import { BookingHallCards } from '@/features/booking/tab-cards'
import { VolunteerCard } from '@/features/volunteer/tab-cards'
import { WorkspaceCards } from '@/features/workspace/tab-cards'

/** 服务: the village's service halls (党群服务中心) with their bookable services (for hall staff the hall they work in and their pages), and 志愿服务. */
export default function ServicesPage() {
  return (
    <AccountTab tab='services'>
      {(_, membership) =>
        membership ? (
          <>
            <WorkspaceCards membership={membership} />
            <BookingHallCards membership={membership} />
            <VolunteerCard membership={membership} />
          </>
        ) : (
          <JoinPrompt text='加入您所在的村（社区）后，就可以查看服务中心、预约长者饭堂和服务站。' />
        )
      }
    </AccountTab>
  )
}
