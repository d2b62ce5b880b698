import type { Rule } from './schemas'

/** Rules in words, for the editor and the list ("Due within 2 days → high"). Pure: unit-tested. */
const OP_WORDS: Record<Rule['op'], string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is below',
  '<=': 'is at most',
  '>': 'is above',
  '>=': 'is at least',
}

const days = (n: number) => `${n} day${Math.abs(n) === 1 ? '' : 's'}`

export function describeCondition(r: Pick<Rule, 'field' | 'op' | 'value'>): string {
  const v = r.value.trim()
  switch (r.field) {
    case 'due_in_days': {
      const n = Number(v)
      if (!Number.isFinite(n)) return `due in ${r.op} ${v} days`
      if (r.op === '<=') return n < 0 ? `overdue by ${days(-n)} or more` : `due within ${days(n)}`
      if (r.op === '<') return n <= 0 ? `overdue by more than ${days(-n)}` : `due in less than ${days(n)}`
      if (r.op === '>=') return `due in ${days(n)} or more`
      if (r.op === '>') return `due in more than ${days(n)}`
      if (r.op === '=') return n === 0 ? 'due today' : `due in exactly ${days(n)}`
      return `not due in exactly ${days(n)}`
    }
    case 'priority':
      return `production priority ${OP_WORDS[r.op]} ${v}`
    case 'is_late':
      return (v === 'true') === (r.op === '=') ? 'late' : 'not late'
    case 'quality_status':
      return `quality ${OP_WORDS[r.op]} ${v}`
    case 'kind':
      return `${r.op === '=' ? 'a' : 'not a'}${v === 'order' ? 'n' : ''} ${v}`
    case 'stage':
      return `${r.op === '=' ? 'at' : 'not at'} stage ${v}`
  }
}

export function describeRule(r: Rule): string {
  const c = describeCondition(r)
  return `${c.charAt(0).toUpperCase()}${c.slice(1)} → ${r.priority}`
}
