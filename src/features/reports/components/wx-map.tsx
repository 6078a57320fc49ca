/**
 * 民情地图 in WeChat: Taro's Map (WeChat's native map, tiles included) centred on the village, its grid areas as
 * polygons, a marker per report with a callout of its word in its state's colour (overdue red) and a marker per
 * hall; a tap on a report's marker or callout opens it. Coordinates are GCJ-02, what WeChat's Map takes.
 */
import { Map } from '@tarojs/components'
import type { MapProps } from '@tarojs/components'
import type { ReportMap } from '@contract'
import { markerColour } from '../labels'

/** WeChat's marker ids are numbers: a report's is its index, a hall's starts here */
const HALL_IDS = 10_000

/** a word on a coloured ground (WeChat's types want every field of it) */
const bubble = (content: string, bgColor: string) => ({ content, color: '#ffffff', bgColor, fontSize: 12, borderRadius: 6, borderWidth: 0, borderColor: bgColor, padding: 4, anchorX: 0, anchorY: 0, textAlign: 'center' as const })

export function toMapProps(map: ReportMap): { markers: MapProps.marker[]; polygons: MapProps.polygon[] } {
  const markers: MapProps.marker[] = [
    ...map.markers.map((m, i) => ({
      id: i,
      latitude: m.point.lat,
      longitude: m.point.lng,
      // '' is WeChat's default pin; the word and the colour are in the callout
      iconPath: '',
      width: 24,
      height: 34,
      title: `${m.category} ${m.word}`,
      callout: { ...bubble(`${m.category}·${m.word}`, markerColour(m)), display: 'ALWAYS' as const },
    })),
    ...map.halls.flatMap((h, i) =>
      h.point
        ? [{ id: HALL_IDS + i, latitude: h.point.lat, longitude: h.point.lng, iconPath: '', width: 20, height: 28, title: h.name, label: { ...bubble(h.name, '#b71c1c'), fontSize: 11 } }]
        : [],
    ),
  ]
  const polygons = map.grids.flatMap((g) =>
    g.area?.length ? [{ points: g.area.map(([lng, lat]) => ({ latitude: lat, longitude: lng })), strokeWidth: 2, strokeColor: '#8d7b5fff', fillColor: '#f6ecd955', zIndex: 1 }] : [],
  )
  return { markers, polygons }
}

export function WxMap({ map, onOpen }: { map: ReportMap; onOpen: (reportId: string) => void }) {
  const { markers, polygons } = toMapProps(map)
  const centre = map.center ?? map.markers[0]?.point ?? null
  if (!centre) return null
  const open = (id: number) => {
    const m = map.markers[id]
    if (m) onOpen(m.reportId)
  }
  return (
    <Map
      className='rp-map'
      latitude={centre.lat}
      longitude={centre.lng}
      scale={16}
      markers={markers}
      polygons={polygons}
      showScale
      // a failed map (no network) leaves the list below, which holds every report too
      onError={() => undefined}
      onMarkerTap={(e) => open(Number(e.detail.markerId))}
      onCalloutTap={(e) => open(Number(e.detail.markerId))}
    />
  )
}
