import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { RuleVersionDetail, RuleVersionSummary, VillageCard } from '@contract'
import { rulesWord } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { Async, Button, Card, Empty, ErrorState, FieldError, Loading, Page } from '@/shared/ui'
import { AccountPending } from '../../../account/components/account-pending'
import { useCurrentMembership } from '../../../account/store'
import { useEnsureAccount } from '../../../account/use-account-on-show'
import { getRuleVersion, getRuleVersions, startRulesDraft } from '../../api'
import { DraftEditor } from '../../components/draft-editor'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

/** The village's versions, and the draft in full if there is one. */
async function loadDraft(villageId: string) {
  const versions = await getRuleVersions(villageId)
  const summary = versions.find((v) => v.status === 'draft')
  const draft = summary ? await getRuleVersion(villageId, summary.id) : null
  return { versions, draft }
}

/** 起草新版本: committee only. Opens the draft there is, or starts one from the current version (or blank). */
export default function RulesDraftPage() {
  const { committee } = useVillageWords()
  const account = useEnsureAccount()
  const membership = useCurrentMembership()
  const villageId = membership?.villageId ?? ''
  const isCommittee = membership?.roles.includes('committee') ?? false
  const query = useQuery(() => loadDraft(villageId), [villageId], isCommittee)
  /** what the editor was opened with in this visit (a started draft, or a blank one) */
  const [opened, setOpened] = useState<{ detail: RuleVersionDetail | null; n: number } | null>(null)
  /** the data loaded before the draft was discarded: its draft no longer counts */
  const [stale, setStale] = useState<object | null>(null)

  if (!account.me) return <Page><AccountPending /></Page>
  if (!membership || !isCommittee) {
    return (
      <Page>
        <Empty text={`只有${committee}成员可以起草${membership ? rulesWord(membership.village.kind) : '村规民约'}`} />
      </Page>
    )
  }
  const village = membership.village

  function discarded() {
    setOpened(null)
    setStale(query.data ?? null)
    void query.reload()
  }

  return (
    <Page className='rules-draft-page'>
      <Async query={query}>
        {(data) => {
          const { versions, draft } = data
          const fresh = data !== stale
          const open = opened ?? (draft && fresh ? { detail: draft, n: 0 } : null)
          const current = versions.find((v) => v.current) ?? null
          if (open) {
            return (
              <DraftEditor
                key={`${open.detail?.id ?? 'blank'}-${open.n}`}
                village={village}
                initial={open.detail}
                number={open.detail?.number ?? (current?.number ?? 0) + 1}
                onDiscarded={discarded}
              />
            )
          }
          if (!fresh) return query.error ? <ErrorState message={query.error} onRetry={() => void query.reload()} /> : <Loading />
          return <StartDraft village={village} current={current} onStart={(detail) => setOpened({ detail, n: Date.now() })} />
        }}
      </Async>
    </Page>
  )
}

function StartDraft({ village, current, onStart }: { village: VillageCard; current: RuleVersionSummary | null; onStart: (d: RuleVersionDetail | null) => void }) {
  const word = rulesWord(village.kind)
  const start = useMutation(() => startRulesDraft(village.id), { onSuccess: onStart })

  if (!current) {
    return (
      <Card title={`起草第1版${word}`}>
        <Text className='vh-muted rules-draft-hint'>{`${village.name}还没有发布过${word}。可以从空白开始，按章写下一条条简短的条款。`}</Text>
        <Button kind='primary' block onClick={() => onStart(null)}>
          从空白开始起草
        </Button>
      </Card>
    )
  }
  return (
    <Card title='起草新版本'>
      <Text className='vh-muted rules-draft-hint'>
        {`现行的是第${current.number}版《${current.title}》，共 ${current.clauseCount} 条。新版本在现行版本上修改，发布后全体居民需要重新承诺遵守。`}
      </Text>
      <Button kind='primary' block loading={start.busy} onClick={() => void start.run()}>
        {`以现行第${current.number}版为底稿起草`}
      </Button>
      <FieldError message={start.error ?? undefined} />
    </Card>
  )
}
