/**
 * The browser's 民情地图 (h5 only: no map tiles offline): the village's grid areas as polygons, the halls as
 * squares and the reports as circles with their word, drawn on an SVG. lng/lat (GCJ-02) are projected linearly
 * into the SVG's box — a village is a few hundred metres across, so the earth's curve does not matter; lng is
 * scaled by cos(lat) so that the shapes keep their proportions. A tap on a marker opens its report; with `onPick`
 * a tap elsewhere gives the point tapped (the report form's optional place).
 */
import type { MouseEvent } from 'react'
import type { GeoPoint, GridArea, MapMarker } from '@contract'
import { markerColour } from '../labels'

const WIDTH = 400
const PAD = 16

interface Projection {
  x: (p: GeoPoint) => number
  y: (p: GeoPoint) => number
  /** the SVG box's point back to lng/lat */
  invert: (x: number, y: number) => GeoPoint
  height: number
}

/** the linear projection of every point drawn into a WIDTH-wide box; null when there is nothing to place */
export function project(points: GeoPoint[]): Projection | null {
  if (points.length === 0) return null
  const lngs = points.map((p) => p.lng)
  const lats = points.map((p) => p.lat)
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)]
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  // a single point (or a line) still gets a box of about 200 m
  const spanX = Math.max((maxLng - minLng) * k, 0.002)
  const spanY = Math.max(maxLat - minLat, 0.002)
  const scale = (WIDTH - 2 * PAD) / spanX
  const height = Math.round(spanY * scale + 2 * PAD)
  const midLng = (minLng + maxLng) / 2
  const midLat = (minLat + maxLat) / 2
  return {
    x: (p) => WIDTH / 2 + (p.lng - midLng) * k * scale,
    y: (p) => height / 2 - (p.lat - midLat) * scale,
    invert: (x, y) => ({ lng: midLng + (x - WIDTH / 2) / (k * scale), lat: midLat - (y - height / 2) / scale }),
    height,
  }
}

const ringPoints = (area: [number, number][]): GeoPoint[] => area.map(([lng, lat]) => ({ lng, lat }))

export function GridSvg({
  grids,
  halls = [],
  markers = [],
  picked,
  onMarker,
  onPick,
}: {
  grids: GridArea[]
  halls?: Array<{ id: string; name: string; point: GeoPoint | null }>
  markers?: MapMarker[]
  /** the point chosen on the report form */
  picked?: GeoPoint | null
  onMarker?: (reportId: string) => void
  onPick?: (point: GeoPoint) => void
}) {
  const drawn = grids.filter((g): g is GridArea & { area: [number, number][] } => Boolean(g.area?.length))
  const all = [...drawn.flatMap((g) => ringPoints(g.area)), ...halls.flatMap((h) => (h.point ? [h.point] : [])), ...markers.map((m) => m.point), ...(picked ? [picked] : [])]
  const proj = project(all)
  if (!proj) return null
  const { x, y, height } = proj

  function pick(e: MouseEvent<SVGSVGElement>) {
    if (!onPick) return
    const box = e.currentTarget.getBoundingClientRect()
    if (!box.width) return
    const f = WIDTH / box.width
    onPick(proj!.invert((e.clientX - box.left) * f, (e.clientY - box.top) * f))
  }

  return (
    <svg className='rp-svg' viewBox={`0 0 ${WIDTH} ${height}`} role='img' aria-label='网格示意图' onClick={pick}>
      {drawn.map((g, i) => {
        const ring = ringPoints(g.area)
        const cx = ring.reduce((s, p) => s + x(p), 0) / ring.length
        const cy = ring.reduce((s, p) => s + y(p), 0) / ring.length
        return (
          <g key={g.id}>
            <polygon points={ring.map((p) => `${x(p).toFixed(1)},${y(p).toFixed(1)}`).join(' ')} fill={i % 2 ? '#e8f0e0' : '#f6ecd9'} stroke='#8d7b5f' strokeWidth={1.5} />
            <text x={cx} y={cy} textAnchor='middle' fontSize={13} fill='#6d5d44'>
              {g.name}
            </text>
          </g>
        )
      })}
      {halls.map((h) =>
        h.point ? (
          <g key={h.id}>
            <rect x={x(h.point) - 6} y={y(h.point) - 6} width={12} height={12} fill='#b71c1c' />
            <text x={x(h.point)} y={y(h.point) + 18} textAnchor='middle' fontSize={10} fill='#b71c1c'>
              {h.name}
            </text>
          </g>
        ) : null,
      )}
      {markers.map((m) => (
        <g
          key={m.reportId}
          role='button'
          aria-label={`${m.category} ${m.word}`}
          onClick={(e) => {
            e.stopPropagation()
            onMarker?.(m.reportId)
          }}
        >
          <circle cx={x(m.point)} cy={y(m.point)} r={9} fill={markerColour(m)} stroke='#fff' strokeWidth={2} />
          <text x={x(m.point)} y={y(m.point) - 13} textAnchor='middle' fontSize={11} fontWeight={600} fill={markerColour(m)}>
            {m.word}
          </text>
        </g>
      ))}
      {picked && <circle cx={x(picked)} cy={y(picked)} r={7} fill='none' stroke='#b71c1c' strokeWidth={3} />}
    </svg>
  )
}
