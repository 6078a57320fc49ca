import {  } from '@tarojs/components'
import { useTheme } from '@/shared/theme'
import { Card, SwitchRow } from '@/shared/ui'
import { JoinRequestsStatus } from '@/features/account/components/join-requests-status'
import { AccountTab, CommitteeWorkCard, IdentityRow, MembershipsCard, MyDataRow, MyRecordRow, NotificationsRow, TownWorkCard } from '@/features/account/tab-cards'
import { MyCouncilsCard } from '@/features/boards/tab-cards'
import { MyBookingsCard } from '@/features/booking/tab-cards'
import { MyReportsCard } from '@/features/reports/tab-cards'
import { MyLettersCard } from '@/features/mailbox/tab-cards'

/** 我的: my villages, my join requests, the committee's work, notices and 长辈模式. */
export default function MePage() {
  const { elder, setElder } = useTheme()
  return (
    <AccountTab tab='me'>
      {(me, current) => (
        <>
          <MembershipsCard me={me} current={current} />
          <JoinRequestsStatus requests={me.requests} />
          <MyBookingsCard membership={current} />
          <MyReportsCard membership={current} />
          <MyLettersCard membership={current} />
          <CommitteeWorkCard membership={current} />
          <TownWorkCard membership={current} />
          <MyCouncilsCard membership={current} />
          <Card>
            <NotificationsRow me={me} />
            <MyRecordRow membership={current} />
            <MyDataRow me={me} />
            <SwitchRow label='长辈模式（大字大按钮）' checked={elder} onChange={setElder} />
            <IdentityRow me={me} />
          </Card>
        </>
      )}
    </AccountTab>
  )
}
