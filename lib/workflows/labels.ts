import type { Subject } from './fsm'

export const SUBJECT_LABEL: Record<Subject, string> = {
  batch: 'Batches (production)',
  ticket: 'Tickets (customer queues)',
  bundle: 'Bundles',
  count: 'Stock counts',
}
