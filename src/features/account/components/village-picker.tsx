import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { GeoTree, VillageCard } from '@contract'
import { Async, Choice, Choices } from '@/shared/ui'
import { useQuery } from '@/shared/api/use-query'
import { getGeoTree } from '../api'

/** 县（市、区）→ 镇（街道）→ 村（社区）, as big chips rather than tiny dropdowns. */
export function VillagePicker({ value, onChange }: { value: VillageCard | null; onChange: (v: VillageCard) => void }) {
  const tree = useQuery(getGeoTree, [])
  const [countyId, setCountyId] = useState<string | null>(null)
  const [townId, setTownId] = useState<string | null>(null)
  return (
    <Async query={tree} isEmpty={(t: GeoTree) => !t.cities.length} empty={<Text>暂无可加入的村（社区）</Text>}>
      {(t) => {
        const counties = t.cities.flatMap((c) => c.counties)
        const county = counties.find((c) => c.id === countyId)
        const town = county?.towns.find((x) => x.id === townId)
        return (
          <View>
            <Text className='vh-muted'>{t.cities.map((c) => c.name).join('、')}：请选择县（市、区）</Text>
            <Chips label='县（市、区）' items={counties} selected={countyId} onSelect={(id) => (setCountyId(id), setTownId(null))} />
            {county && (
              <>
                <Text className='vh-muted'>选择镇（街道）</Text>
                <Chips label='镇（街道）' items={county.towns} selected={townId} onSelect={setTownId} />
              </>
            )}
            {town && (
              <>
                <Text className='vh-muted'>选择村（社区）</Text>
                <Chips label='村（社区）' items={town.villages} selected={value?.id ?? null} onSelect={(id) => onChange(town.villages.find((v) => v.id === id)!)} />
                {!town.villages.length && <Text className='vh-muted'>该镇（街道）暂未开通</Text>}
              </>
            )}
          </View>
        )
      }}
    </Async>
  )
}

function Chips({ label, items, selected, onSelect }: { label: string; items: Array<{ id: string; name: string }>; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <Choices label={label}>
      {items.map((i) => (
        <Choice key={i.id} on={selected === i.id} onClick={() => onSelect(i.id)}>
          {i.name}
        </Choice>
      ))}
    </Choices>
  )
}
