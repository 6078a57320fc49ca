import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Relation, VillageCard } from '@contract'
import { committeeWord, RELATIONS, villageWords } from '@contract/tables'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { Button, Card, Choice, Choices, ErrorState, Field, FieldError, Loading, Page, TextField } from '@/shared/ui'
import { pageUrl } from '@/routes'
import { usePageParam } from '@/shared/page-params'
import { getVillageByScene, getVillageCard, requestJoin } from '../../api'
import { useAccount } from '../../store'
import { useEnsureAccount } from '../../use-account-on-show'
import { VillagePicker } from '../../components/village-picker'
import { sceneFromScanPath } from './scene'

export default function JoinPage() {
  const [scene, setScene] = useState<string | null>(usePageParam('scene') ?? null)
  const [village, setVillage] = useState<VillageCard | null>(null)
  const scanned = useQuery(() => getVillageByScene(scene!), [scene], Boolean(scene))
  // a link from another village's page (a shared topic) names the village to join
  const linked = usePageParam('villageId')
  const preset = useQuery(() => getVillageCard(linked!), [linked], Boolean(linked))
  const sceneLoading = Boolean(scene) && scanned.loading
  const me = useEnsureAccount().me
  const [name, setName] = useState(me?.person?.name ?? '')
  const personName = me?.person?.name
  useEffect(() => {
    if (personName) setName((typed) => typed || personName)
  }, [personName])
  const [doorplate, setDoorplate] = useState('')
  const [relation, setRelation] = useState<Relation | null>(null)
  /** the checks made here before sending; the server's reasons come with the mutation */
  const [checks, setChecks] = useState<Record<string, string>>({})
  const [done, setDone] = useState<VillageCard | null>(null)
  const join = useMutation(
    async (v: VillageCard, r: Relation) => {
      await requestJoin({ villageId: v.id, name: name.trim(), doorplate: doorplate.trim(), relation: r, via: scene ? 'scan' : 'pick' })
      await useAccount.getState().load()
      return v
    },
    { onSuccess: setDone },
  )
  const errors = { ...join.fieldErrors, ...checks }

  useEffect(() => {
    if (scanned.data) setVillage(scanned.data)
  }, [scanned.data])
  useEffect(() => {
    if (preset.data) setVillage(preset.data)
  }, [preset.data])

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false })
      const s = sceneFromScanPath(res.path) ?? sceneFromScanPath(res.result)
      if (s) setScene(s)
      else Taro.showToast({ title: '这不是村（社区）的二维码', icon: 'none' })
    } catch {
      // the person closed the scanner
    }
  }

  function submit() {
    const local: Record<string, string> = {}
    if (!village) local.villageId = '请选择要加入的村（社区）'
    if (name.trim().length < 2) local.name = '请填写真实姓名（至少两个字）'
    if (doorplate.trim().length < 2) local.doorplate = '请填写门牌号或户主信息'
    if (!relation) local.relation = '请选择与户主的关系'
    setChecks(local)
    join.reset()
    if (Object.keys(local).length || !village || !relation) return
    void join.run(village, relation)
  }

  if (done) {
    return (
      <Page>
        <Card title='申请已提交'>
          <Text>{`您加入${done.name}的申请已提交，${committeeWord(done.kind)}审核后会通知您。`}</Text>
          <Button kind='primary' block onClick={() => Taro.switchTab({ url: pageUrl('home') })}>
            返回首页
          </Button>
        </Card>
      </Page>
    )
  }

  return (
    <Page>
      <View className='vh-title'>申请加入村（社区）</View>
      <Card title='1. 选择村（社区）'>
        {sceneLoading && <Loading text='正在识别二维码…' />}
        {scene && scanned.error && <ErrorState message={scanned.error} />}
        {village ? (
          <View>
            <Text className='vh-card__title'>{village.name}</Text>
            <Text className='vh-muted' style={{ display: 'block' }}>
              {village.place}
            </Text>
            <Button kind='plain' onClick={() => (setVillage(null), setScene(null))}>
              重新选择
            </Button>
          </View>
        ) : (
          !sceneLoading && (
            <>
              {process.env.TARO_ENV === 'weapp' && (
                <Button kind='primary' block onClick={scan}>
                  扫一扫服务中心的二维码
                </Button>
              )}
              <VillagePicker value={village} onChange={setVillage} />
            </>
          )
        )}
        <FieldError message={errors.villageId} />
      </Card>
      <Card title='2. 填写信息'>
        <TextField label='姓名' value={name} placeholder='请填写真实姓名' maxlength={20} error={errors.name} onChange={setName} />
        <TextField label='门牌号' value={doorplate} placeholder='如：新山村东一巷12号' maxlength={60} error={errors.doorplate} onChange={setDoorplate} />
        <Field label='与户主的关系' error={errors.relation}>
          <Choices label='与户主关系'>
            {RELATIONS.map((r) => (
              <Choice key={r} on={relation === r} onClick={() => setRelation(r)}>
                {r === '户主' ? '本人是户主' : r}
              </Choice>
            ))}
          </Choices>
        </Field>
      </Card>
      {join.error && <Text className='vh-field-error'>{join.error}</Text>}
      <Button kind='primary' block loading={join.busy} onClick={submit}>
        提交申请
      </Button>
      {/* before a village is chosen its kind is unknown: 村（居） names both */}
      <Text className='vh-muted'>{village ? `${villageWords(village.kind).committee}核实后会通知您。您的信息只用于${villageWords(village.kind).here}事务。` : '村（居）委会核实后会通知您。您的信息只用于本村（社区）事务。'}</Text>
    </Page>
  )
}
