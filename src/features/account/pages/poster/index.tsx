import type { MembershipView } from '@contract'
import { committeeWord, peopleWord, rulesWord } from '@contract/tables'
import { useQuery } from '@/shared/api/use-query'
import { Async, Page } from '@/shared/ui'
import { Poster, POSTER_PAGE_CLASS, PosterFoot, PosterHead } from '@/shared/ui/poster'
import { getVillagePoster } from '../../api'
import { isCommittee, MemberGate } from '../../components/member-gate'
import { useVillageWords } from '../../words'

/**
 * 本村二维码 (committee): the village's join code as a printable poster with its name — 微信扫一扫 申请加入 — for the
 * service hall's wall and the village group (the shared poster frame; h5: 打印, WeChat: 保存到相册).
 */
export default function VillagePosterPage() {
  const { committee, here } = useVillageWords()
  return (
    <Page className={POSTER_PAGE_CLASS}>
      <MemberGate notMember='加入村（社区）后才能打印本村二维码' allow={isCommittee} refused={`只有${committee}成员可以打印${here}二维码`}>
        {(m) => <VillagePoster membership={m} />}
      </MemberGate>
    </Page>
  )
}

function VillagePoster({ membership }: { membership: MembershipView }) {
  const query = useQuery(() => getVillagePoster(membership.villageId), [membership.villageId])
  const v = membership.village
  const here = v.kind === 'community' ? '本社区' : '本村'
  return (
    <Async query={query}>
      {(p) => (
        <Poster image={p.image} hint='用 A4 纸打印，贴在服务中心和公告栏；也可以发到村民微信群'>
          <PosterHead village={`${v.place} · 村居议事厅`} title={v.name} image={p.image} scan='微信扫一扫 申请加入' />
          <PosterFoot>{`加入后可以阅读${rulesWord(v.kind)}、参与议事投票、随手拍上报问题、预约服务。${committeeWord(v.kind)}核实是${here}${peopleWord(v.kind)}后通过。`}</PosterFoot>
        </Poster>
      )}
    </Async>
  )
}
