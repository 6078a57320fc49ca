import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { RulesCurrent } from '@contract'
import { RULE_VERSION_LABELS, takesPart } from '@contract/tables'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { useReachedEnd } from '@/shared/use-reached-end'
import { Async, Button, Card, Empty, FieldError, Page, Row, Tag } from '@/shared/ui'
import { AccountPending } from '@/features/account/components/account-pending'
import { useAccount, useCurrentMembership } from '@/features/account/store'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { useEnsureAccount } from '@/features/account/use-account-on-show'
import { agreeToRules, getCurrentRules, getRuleVersion, makePartyCommitment } from '../../api'
import { AdoptionRecord } from '../../components/adoption-record'
import { ClauseList } from '../../components/clause-list'
import { DiffView } from '../../components/diff-view'
import { useVillageWords } from '@/features/account/words'

/**
 * Reads the current rules (or, with ?versionId=, any version) and takes the reader's agreement. A notice of a new
 * version names its village (?villageId=): someone in two villages acts in that one from here on, so that the
 * versions, the draft and the follow-up this page links to are that village's too.
 */
export default function RulesReadPage() {
  const account = useEnsureAccount()
  const current = useCurrentMembership()
  const versionId = usePageParam('versionId')
  const villageId = usePageParam('villageId')
  const named = villageId ? account.me?.memberships.find((m) => m.villageId === villageId) ?? null : null
  const membership = villageId ? named : current
  const switching = Boolean(named && current && named.villageId !== current.villageId)
  useEffect(() => {
    if (!switching || !named) return
    useAccount.getState().switchVillage(named.villageId)
    void Taro.showToast({ title: `已切换到${named.village.name}`, icon: 'none' })
  }, [switching, named])
  if (!account.me) return <Page><AccountPending /></Page>
  // not a member of it: the village's kind (and so its words) is unknown here
  if (!membership) return <Page>{villageId ? <JoinPrompt text='您还不是这个村（社区）的成员，加入后才能查看它的村规民约（居民公约）。' /> : <Empty text='加入村（社区）后才能查看本村的村规民约' />}</Page>
  return <Page>{versionId ? <OneVersion villageId={membership.villageId} versionId={versionId} /> : <CurrentRules villageId={membership.villageId} />}</Page>
}

function OneVersion({ villageId, versionId }: { villageId: string; versionId: string }) {
  const version = useQuery(() => getRuleVersion(villageId, versionId), [villageId, versionId])
  return (
    <Async query={version}>
      {(v) => (
        <>
          <Card title={v.title} extra={<Tag tone={v.current ? 'red' : 'grey'}>{v.status === 'draft' ? RULE_VERSION_LABELS.draft : v.current ? `${v.label}（${RULE_VERSION_LABELS.current}）` : v.label}</Tag>}>
            <AdoptionRecord adoption={v.adoption} effectiveDate={v.effectiveDate} />
          </Card>
          {v.changes && <DiffView diff={v.changes} />}
          <Card>
            <ClauseList chapters={v.chapters} />
          </Card>
        </>
      )}
    </Async>
  )
}

function CurrentRules({ villageId }: { villageId: string }) {
  const { here } = useVillageWords()
  const rules = useQuery(() => getCurrentRules(villageId), [villageId])
  const word = rules.data?.word
  useEffect(() => {
    // 居民公约 in a community; the page config can only hold one title
    if (word) void Taro.setNavigationBarTitle({ title: word }).catch(() => undefined)
  }, [word])
  return (
    <Async query={rules}>
      {(r) =>
        r.version ? (
          <RulesWithAgreement rules={r} villageId={villageId} reload={rules.reload} />
        ) : (
          <>
            <Empty text={`${here}还没有发布${r.word}`} />
            {r.can.manage && <ManageLinks />}
          </>
        )
      }
    </Async>
  )
}

function RulesWithAgreement({ rules: r, villageId, reload }: { rules: RulesCurrent; villageId: string; reload: () => Promise<void> }) {
  const version = r.version!
  const { notResident, here, people } = useVillageWords()
  const membership = useCurrentMembership()
  // re-agreeing to a new version, the changes are the reading: agreeing wakes at their end, the full text is a tap away
  const rereading = Boolean(r.diffSinceMine && r.can.agree)
  const reachedEnd = useReachedEnd(rereading ? '#rules-changes-end' : '#rules-end', r.can.agree)
  // once agreed (the reload brings no changes any more) the full text shows again
  const [fullText, setFullText] = useState(!rereading)
  const act = useMutation((kind: 'agree' | 'party') => (kind === 'agree' ? agreeToRules(villageId, version.id) : makePartyCommitment(villageId, version.id)), {
    success: (_, kind) => (kind === 'agree' ? '已承诺遵守' : '已亮身份'),
    onSuccess: reload,
    onError: (e) => {
      // a newer version was published meanwhile: show it
      if (e instanceof CallError && e.code === 'CONFLICT') void reload()
    },
  })
  const busy = act.pending?.[0]

  return (
    <>
      <Card title={version.title} extra={<Tag tone='red'>{`${version.label}（${RULE_VERSION_LABELS.current}）`}</Tag>}>
        <AdoptionRecord adoption={version.adoption} effectiveDate={version.effectiveDate} />
        {r.progress && <Text className='rules-progress'>{r.progress.summary}</Text>}
      </Card>
      {r.diffSinceMine && <DiffView diff={r.diffSinceMine} title={`自您承诺的第${r.diffSinceMine.from}版以来的变化`} />}
      {r.diffSinceMine && <View id='rules-changes-end' className='rules-end' />}
      {fullText || !r.diffSinceMine ? (
        <Card>
          <ClauseList chapters={version.chapters} />
          <View id='rules-end' className='rules-end' />
        </Card>
      ) : (
        <Card>
          <Text className='vh-muted vh-block'>{`其余条款与您承诺过的第${r.diffSinceMine.from}版相同，读完上面的改动就可以承诺。`}</Text>
          <Button block onClick={() => setFullText(true)}>
            {`查看${version.label}全文（${version.clauseCount}条）`}
          </Button>
        </Card>
      )}
      <Card title='我的承诺'>
        {r.mine ? (
          <Text style={{ display: 'block' }}>{`您已于 ${formatTime(r.mine.at)} 承诺遵守${version.label}${r.mine.partyCommitment ? '，并以党员身份带头遵规守约' : ''}。`}</Text>
        ) : r.can.agree ? (
          <>
            <Button kind='primary' block disabled={!reachedEnd} loading={busy === 'agree'} onClick={() => void act.run('agree')}>
              我已阅读并承诺遵守
            </Button>
            {!reachedEnd && <Text className='vh-muted'>{rereading ? '请读完上面的改动后承诺' : '请读完全部条款后承诺'}</Text>}
          </>
        ) : (
          <Text className='vh-muted'>{membership && !takesPart(membership) ? notResident(`承诺遵守${r.word}`) : `由${here}${people}承诺遵守`}</Text>
        )}
        {r.can.partyCommit && (
          <Button kind='danger' block loading={busy === 'party'} disabled={!r.mine && !reachedEnd} onClick={() => void act.run('party')}>
            党员亮身份、带头遵规守约
          </Button>
        )}
        <FieldError message={act.error ?? undefined} />
      </Card>
      {r.partyCommitments.length > 0 && (
        <Card title='党员带头承诺'>
          <View className='vh-chips'>
            {r.partyCommitments.map((p) => (
              <Tag key={p.name} tone='red'>
                {p.name}
              </Tag>
            ))}
          </View>
        </Card>
      )}
      <Card>
        <Row label='历次版本及表决情况' onClick={() => Taro.navigateTo({ url: pageUrl('rules.versions') })} />
        {r.can.manage && <ManageRows />}
      </Card>
    </>
  )
}

function ManageRows() {
  return (
    <>
      <Row label='起草新版本' onClick={() => Taro.navigateTo({ url: pageUrl('rules.draft') })} />
      <Row label='承诺情况跟进（按网格）' onClick={() => Taro.navigateTo({ url: pageUrl('rules.followUp') })} />
    </>
  )
}

function ManageLinks() {
  const { committee } = useVillageWords()
  return (
    <Card title={`${committee}`}>
      <ManageRows />
    </Card>
  )
}
