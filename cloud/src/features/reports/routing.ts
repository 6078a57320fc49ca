/**
 * Where a report goes, by geometry (@turf, never hand-written): the grid whose area contains its point, the
 * distance between two points, the middle of a village's grids. Every coordinate is GCJ-02 as WeChat gives it;
 * over a village a few hundred metres wide, treating GCJ-02 as if it were WGS-84 moves nothing that matters
 * (the offset is the same for every point), so no conversion is made.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import distance from '@turf/distance'
import { point, polygon } from '@turf/helpers'
import type { Grid, LngLat } from '../account/documents'
import type { GeoPoint } from './documents'

/** a drawn area: a closed ring of at least 4 points (first = last) */
const isRing = (area: LngLat[] | null | undefined): area is LngLat[] => Array.isArray(area) && area.length >= 4

/** The grid (of these) whose area contains the point, or null; on a shared edge, the first listed. */
export function gridAt(grids: ReadonlyArray<Pick<Grid, '_id' | 'area'>>, p: GeoPoint): string | null {
  const at = point([p.lng, p.lat])
  for (const g of grids) if (isRing(g.area) && booleanPointInPolygon(at, polygon([g.area]))) return g._id
  return null
}

/** Whether the village has any area drawn (a village without areas cannot refuse a point as outside it). */
export const hasAreas = (grids: ReadonlyArray<Pick<Grid, 'area'>>): boolean => grids.some((g) => isRing(g.area))

/** Metres between two points, rounded. */
export function metres(a: GeoPoint, b: GeoPoint): number {
  return Math.round(distance(point([a.lng, a.lat]), point([b.lng, b.lat]), { units: 'meters' }))
}

/** The middle of the bounding box of the grids' areas (for the map and the picker), or null without areas. */
export function centerOf(grids: ReadonlyArray<Pick<Grid, 'area'>>): GeoPoint | null {
  const pts = grids.flatMap((g) => (isRing(g.area) ? g.area : []))
  if (!pts.length) return null
  const lngs = pts.map((p) => p[0])
  const lats = pts.map((p) => p[1])
  const mid = (xs: number[]) => Number(((Math.min(...xs) + Math.max(...xs)) / 2).toFixed(6))
  return { lng: mid(lngs), lat: mid(lats) }
}
