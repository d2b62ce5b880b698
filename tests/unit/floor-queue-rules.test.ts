import { describe, expect, it } from 'vitest'
import { fromStoredRule, toStoredRule } from '@/lib/floor-queues/schemas'
import { describeRule } from '@/lib/floor-queues/text'

describe('priority rules in words (/[org]/queues)', () => {
  it.each([
    [{ condition: 'due_in_days <= 2', priority: 'high' }, 'Due within 2 days → high'],
    [{ condition: 'due_in_days <= 1', priority: 'urgent' }, 'Due within 1 day → urgent'],
    [{ condition: 'due_in_days <= -1', priority: 'urgent' }, 'Overdue by 1 day or more → urgent'],
    [{ condition: 'priority = rush', priority: 'urgent' }, 'Production priority is rush → urgent'],
    [{ condition: 'is_late = true', priority: 'urgent' }, 'Late → urgent'],
    [{ condition: 'is_late != true', priority: 'low' }, 'Not late → low'],
    [{ condition: 'kind = order', priority: 'normal' }, 'An order → normal'],
    [{ condition: 'stage = Acoustic QC', priority: 'high' }, 'At stage Acoustic QC → high'],
  ])('%j reads "%s"', (stored, words) => {
    expect(describeRule(fromStoredRule(stored))).toBe(words)
  })

  it('round-trips the stored form the database checks', () => {
    const stored = { condition: 'stage = Acoustic QC', priority: 'high' }
    expect(toStoredRule(fromStoredRule(stored))).toEqual(stored)
  })
})
