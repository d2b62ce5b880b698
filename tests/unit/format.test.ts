import { describe, expect, it } from 'vitest'
import { advanceBlockedText, cardSections } from '../../lib/floor/card-actions'
import type { ItemCard } from '../../lib/floor/types'
import { count, formatDate, formatDateTime, formatMinutes, formatTime, statusWords, todayIn } from '../../lib/format'

describe('lib/format: one formatter for numbers, plurals, dates and times', () => {
  it('counts with the right word', () => {
    expect(count(1, 'unit')).toBe('1 unit')
    expect(count(0, 'item')).toBe('0 items')
    expect(count(1204, 'scan')).toBe('1,204 scans')
    expect(count(2, 'wrong PIN')).toBe('2 wrong PINs')
  })
  it('shows calendar dates as days, with the year only outside this year', () => {
    expect(formatDate('2026-12-21', { today: '2026-12-04' })).toBe('Dec 21')
    expect(formatDate('2027-01-04', { today: '2026-12-04' })).toBe('Jan 4, 2027')
    expect(formatDate('2026-12-21', { year: 'always' })).toBe('Dec 21, 2026')
    expect(formatDate(null)).toBe('—')
  })
  it('shows instants in the workshop’s time zone, whatever the browser’s', () => {
    const at = '2026-12-04T01:30:00Z'
    expect(formatTime(at, 'Asia/Manila')).toBe('9:30 AM')
    expect(formatTime(at, 'America/New_York')).toBe('8:30 PM')
    expect(formatDateTime(at, 'America/New_York')).toBe('Dec 3, 8:30 PM')
    expect(todayIn('Asia/Manila', new Date(at))).toBe('2026-12-04')
    expect(todayIn('America/New_York', new Date(at))).toBe('2026-12-03')
  })
  it('minutes and statuses', () => {
    expect(formatMinutes(12.4)).toBe('12 min')
    expect(formatMinutes(210)).toBe('3.5 h')
    expect(formatMinutes(60 * 24 * 3)).toBe('3 days')
    expect(statusWords('in_production')).toBe('In production')
  })
})

const card = (over: Partial<ItemCard>): ItemCard => ({
  id: 'o1',
  kind: 'order',
  ref_id: 'order-1',
  org_id: 'org',
  number: 'ORD-1',
  title: 'Eikon · Walnut',
  label: null,
  status: 'in_production',
  quality_status: null,
  priority: null,
  due_date: null,
  is_complete: false,
  batch: { id: 'batch-7', number: 'B-7' },
  order_count: null,
  type_definition_id: 'w',
  current_stage: 'Sanding',
  stage_name: 'Sanding',
  stage_position: 2,
  stage_count: 7,
  next_stage: 'Finishing',
  minutes_in_stage: 5,
  assigned_to: null,
  queues: [],
  actions: [],
  batch_actions: [],
  required_pending: 0,
  advance_blockers: 0,
  blocking_actions: [],
  can_advance: false,
  advance_completes: false,
  ...over,
})
const action = (key: string) => ({
  stage_action_id: key,
  key,
  type: 'inspection' as const,
  label: key,
  description: null,
  required: true,
  config: {},
  checklist: [],
  status: 'pending' as const,
  last_action_id: null,
  completed_at: null,
  validation_result: null,
})

describe('cardSections: every action the card counts has a place', () => {
  it('a unit’s card: its own, its batch’s (done with the batch’s id), other units grouped, the rest counted', () => {
    const c = card({
      actions: [action('wall')],
      batch_actions: [action('sanding-check')],
      advance_blockers: 5,
      blocking_actions: [
        {
          item_id: 'b',
          kind: 'batch',
          ref_id: 'batch-7',
          number: 'B-7',
          key: 'sanding-check',
          label: 'Sanding check',
          status: 'pending',
        },
        {
          item_id: 'o1',
          kind: 'order',
          ref_id: 'order-1',
          number: 'ORD-1',
          key: 'wall',
          label: 'Wall',
          status: 'pending',
        },
        {
          item_id: null,
          kind: 'order',
          ref_id: 'order-2',
          number: 'ORD-2',
          key: 'wall',
          label: 'Wall',
          status: 'failed',
        },
        {
          item_id: null,
          kind: 'order',
          ref_id: 'order-2',
          number: 'ORD-2',
          key: 'photo',
          label: 'Photo',
          status: 'pending',
        },
      ],
    })
    const s = cardSections(c)
    expect(s.own.actions.map((a) => a.key)).toEqual(['wall'])
    expect(s.batch?.target).toEqual({ id: 'batch-7', number: 'B-7', org_id: 'org' })
    expect(s.elsewhere).toEqual([
      {
        kind: 'order',
        ref_id: 'order-2',
        number: 'ORD-2',
        actions: [
          { key: 'wall', label: 'Wall', status: 'failed' },
          { key: 'photo', label: 'Photo', status: 'pending' },
        ],
      },
    ])
    expect(s.unlisted).toBe(1)
    expect(advanceBlockedText(c)).toBe('5 required actions before advancing')
  })
  it('a card cached before batch_actions existed sends the batch’s work to the batch’s label', () => {
    const c = card({
      batch_actions: undefined,
      advance_blockers: 1,
      blocking_actions: [
        {
          item_id: 'b',
          kind: 'batch',
          ref_id: 'batch-7',
          number: 'B-7',
          key: 'sanding-check',
          label: 'Sanding check',
          status: 'pending',
        },
      ],
    })
    expect(cardSections(c).elsewhere.map((g) => g.number)).toEqual(['B-7'])
  })
  it('says why a card with nothing open cannot advance', () => {
    expect(advanceBlockedText(card({ advance_hold: 'quality_failed' }))).toMatch(/Failed quality/)
    expect(advanceBlockedText(card({ advance_blockers: 1 }))).toBe('1 required action before advancing')
  })
})
