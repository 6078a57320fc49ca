/** 现场登记 at the desk: a member picked from the register, or an elder without the app by name; checked in at once on the day. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { useMutation } from '@/shared/api/use-mutation'
import { Alert, Button, Choice, Choices, TextField } from '@/shared/ui'
import { SearchPick } from '@/shared/ui/search-pick'
import { peopleSearch, staffBook } from '../api'

export function WalkIn({ villageId, slotId, checkIn, onDone, onCancel }: { villageId: string; slotId: string; checkIn: boolean; onDone: () => void; onCancel: () => void }) {
  const [byName, setByName] = useState(false)
  const [personId, setPersonId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [note, setNote] = useState('')
  const saving = useMutation(
    () => staffBook({ villageId, slotId, checkIn, note: note.trim() || null, ...(byName ? { name: name.trim() } : { personId: personId! }) }),
    { success: (b) => `${b.name}${checkIn ? '已登记签到' : '已登记预约'}`, onSuccess: onDone },
  )
  const errors = saving.fieldErrors
  function submit() {
    if (byName && name.trim().length < 2) return saving.fail('请填写姓名（至少两个字）')
    if (!byName && !personId) return saving.fail('请选择村民，或改为填写姓名')
    void saving.run()
  }
  return (
    <View>
      <Choices label='登记方式'>
        <Choice on={!byName} onClick={() => (setByName(false), saving.reset())}>
          <Text>选择村民</Text>
        </Choice>
        <Choice on={byName} onClick={() => (setByName(true), saving.reset())}>
          <Text>填写姓名</Text>
        </Choice>
      </Choices>
      {byName ? (
        <TextField label='姓名' value={name} placeholder='没有用手机的长者，填写姓名' maxlength={20} error={errors.name} onChange={(v) => (setName(v), saving.clearField('name'))} />
      ) : (
        <SearchPick label='村民' placeholder='输入姓名或门牌号' search={peopleSearch(villageId, true)} value={personId} error={errors.personId} onChange={setPersonId} />
      )}
      <TextField label='备注（可不填）' value={note} placeholder='如：联系电话、忌口' maxlength={60} error={errors.note} onChange={setNote} />
      <Alert message={saving.error} />
      <Button kind='primary' loading={saving.busy} onClick={submit}>
        {checkIn ? '登记并签到' : '登记预约'}
      </Button>
      <Button kind='plain' onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}
