import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { formatTime } from '@/shared/time'
import { Async, Card, Empty, Page } from '@/shared/ui'
import { AccountPending } from '@/features/account/components/account-pending'
import { useCurrentMembership } from '@/features/account/store'
import { useEnsureAccount } from '@/features/account/use-account-on-show'
import { getRuleVersions } from '../../api'
import { AdoptionRecord } from '../../components/adoption-record'
import { VersionTag } from '../../components/version-tag'

/** Every version stays readable, each with how it was adopted. */
export default function RuleVersionsPage() {
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const versions = useQuery(() => getRuleVersions(membership!.villageId), [membership?.villageId], Boolean(membership))
  if (!account.me) return <Page><AccountPending /></Page>
  if (!membership) return <Page><Empty text='加入村（社区）后才能查看' /></Page>
  return (
    <Page>
      <Async query={versions} isEmpty={(list) => !list.length} empty={<Empty text='还没有发布过版本' />}>
        {(list) => (
          <>
            {list.map((v) => (
              <View
                key={v.id}
                onClick={() => Taro.navigateTo({ url: v.status === 'draft' ? pageUrl('rules.draft') : pageUrl('rules.read', { versionId: v.id }) })}
              >
                <Card title={`${v.label} ${v.title}`} extra={<VersionTag version={v} />}>
                  <AdoptionRecord adoption={v.adoption} effectiveDate={v.effectiveDate} />
                  <Text className='vh-muted' style={{ display: 'block' }}>
                    {v.status === 'draft'
                      ? `${v.chapterCount} 章 ${v.clauseCount} 条 · 最后修改 ${formatTime(v.updatedAt)}`
                      : `${v.chapterCount} 章 ${v.clauseCount} 条 · ${v.agreements} 人承诺 · ${v.publishedByName ?? ''} ${v.publishedAt ? formatTime(v.publishedAt) : ''} 发布`}
                  </Text>
                </Card>
              </View>
            ))}
          </>
        )}
      </Async>
    </Page>
  )
}
