import { z } from 'zod'

/**
 * Request schemas of /api/dashboard/* (docs/dashboards.md). They refuse only what is malformed; the
 * database decides the rest (range limits, roles, whether the location is the organisation's).
 */
const id = z.guid({ message: 'Must be a uuid' })
const day = z.iso.date({ message: 'A date like 2026-12-04' })

export const RANGES = ['today', '7d', '30d', 'custom'] as const
export type Range = (typeof RANGES)[number]

export const OverviewQuery = z.object({
  org_id: id,
  range: z.enum(RANGES, { message: 'Range is one of today, 7d, 30d or custom' }).default('7d'),
  from: day.optional(),
  to: day.optional(),
  location_id: id.optional(),
})
export type OverviewQuery = z.output<typeof OverviewQuery>

export const FloorStatusQuery = z.object({ org_id: id, location_id: id.optional() })
