import { Input, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { BookingService, MembershipView } from '@contract'
import { scheduleLines, SERVICE_KIND_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Alert, Async, Button, Card, Field, Tag } from '@/shared/ui'
import { getSetup, setNoShowLimit } from '../../api'
import { minutesText } from '../../components/service-info'
import { StaffPage } from '../../components/staff-page'

/** 服务设置 (staff, ?villageId=&hallId=): the hall's services (each → 编辑), 新增服务, and the village's 爽约次数上限. */
export default function SetupPage() {
  return <StaffPage what='设置服务'>{(m, hallId) => <Setup membership={m} hallId={hallId} />}</StaffPage>
}

function Setup({ membership, hallId }: { membership: MembershipView; hallId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => getSetup(villageId, hallId), [villageId, hallId])
  useReloadOnShow(query)
  const edit = (serviceId?: string) => void Taro.navigateTo({ url: pageUrl('booking.serviceEdit', { villageId, hallId, serviceId }) })
  return (
    <Async query={query}>
      {(s) => (
        <>
          <Text className='vh-title vh-block'>{`${s.hall.name} · 服务设置`}</Text>
          {s.services.map((svc) => (
            <ServiceCard key={svc._id} service={svc} onEdit={() => edit(svc._id)} />
          ))}
          <Button kind='primary' block onClick={() => edit()}>
            新增服务
          </Button>
          <NoShowLimit villageId={villageId} limit={s.noShowLimit} />
        </>
      )}
    </Async>
  )
}

function ServiceCard({ service: s, onEdit }: { service: BookingService; onEdit: () => void }) {
  return (
    <Card title={s.name} extra={<Tag tone={s.active ? 'green' : 'grey'}>{s.active ? '开放预约' : '已暂停'}</Tag>}>
      <Text className='bk-line vh-muted'>{SERVICE_KIND_LABELS[s.kind]}</Text>
      {scheduleLines(s).map((l) => (
        <Text key={l} className='bk-line'>{l}</Text>
      ))}
      <Text className='bk-line vh-muted'>{`提前${s.windowDays}天可约 · 开始前${minutesText(s.cutoffMinutes)}截止 · 每人最多${s.perPersonLimit}个`}</Text>
      {s.exceptions.length > 0 && <Text className='bk-line vh-muted'>{`例外日期 ${s.exceptions.length} 个：${s.exceptions.map((e) => `${e.date.slice(5)} ${e.closed ? '休息' : `${e.capacity}位`}`).join('，')}`}</Text>}
      <Button onClick={onEdit}>编辑</Button>
    </Card>
  )
}

function NoShowLimit({ villageId, limit }: { villageId: string; limit: number | null }) {
  const [text, setText] = useState(limit === null ? '' : String(limit))
  useEffect(() => setText(limit === null ? '' : String(limit)), [limit])
  const saving = useMutation((v: number | null) => setNoShowLimit(villageId, v), { success: (r) => (r.noShowLimit === null ? '已取消上限' : '已保存') })
  function save() {
    const t = text.trim()
    if (t && !/^\d+$/.test(t)) return saving.fail('请填写1到20之间的整数，或留空表示不限')
    void saving.run(t ? Number(t) : null)
  }
  return (
    <Card title='爽约次数上限'>
      <Text className='vh-block vh-muted'>爽约达到这个次数的村民，不能再在手机上自己预约，需到服务中心由工作人员登记。留空表示不限。</Text>
      <Field label='次数' error={saving.fieldErrors.noShowLimit}>
        <Input className='vh-field__input' type='number' value={text} placeholder='不限' maxlength={2} onInput={(e) => (setText(e.detail.value), saving.reset())} />
      </Field>
      <Alert message={saving.error} />
      <Button kind='primary' loading={saving.busy} onClick={save}>
        保存
      </Button>
    </Card>
  )
}
