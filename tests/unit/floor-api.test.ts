import { describe, expect, it } from 'vitest'
import { clientIdFrom, unverifiedSubject } from '../../lib/floor/idempotency'
import { CompleteAction, QueueItems, Scan, StartSession, Sync, SyncOp, UpdateQueueItem } from '../../lib/floor/schemas'

const ID = '83000000-0000-4000-8000-000000000010'

describe('API schemas', () => {
  it('scan: a session, a code, optional type and time', () => {
    expect(Scan.safeParse({ session_id: ID, code: 'FL1:AUR:I:102GW' }).success).toBe(true)
    expect(Scan.safeParse({ session_id: ID, code: '' }).success).toBe(false)
    expect(Scan.safeParse({ session_id: 'x', code: 'B-1' }).success).toBe(false)
    expect(Scan.safeParse({ session_id: ID, code: 'B-1', scan_type: 'thing' }).success).toBe(false)
    expect(Scan.safeParse({ session_id: ID, code: 'B-1', scanned_at: '2026-11-22T09:30:00Z' }).success).toBe(true)
    expect(Scan.safeParse({ session_id: ID, code: 'B-1', scanned_at: 'yesterday' }).success).toBe(false)
  })

  it('actions: key normalised, PIN digits only, data bounded', () => {
    const ok = CompleteAction.parse({
      session_id: ID,
      item_id: ID,
      action_key: ' Channel-Balance ',
      data: { value: 0.2 },
    })
    expect(ok.action_key).toBe('channel-balance')
    expect(
      CompleteAction.safeParse({ session_id: ID, item_id: ID, action_key: 'x', approver_pin: '12a4' }).success,
    ).toBe(false)
    expect(
      CompleteAction.safeParse({ session_id: ID, item_id: ID, action_key: 'x', data: { value: 'high' } }).success,
    ).toBe(false)
    const big = { notes: 'x'.repeat(4000), extra: 'y'.repeat(13000) }
    expect(CompleteAction.safeParse({ session_id: ID, item_id: ID, action_key: 'x', data: big }).success).toBe(false)
  })

  it('sessions: device info is any JSON object here (its rules are the database’s: app.floor_device_info)', () => {
    expect(StartSession.safeParse({ device_info: { platform: 'android', orientation: 'landscape' } }).success).toBe(
      true,
    )
    expect(StartSession.safeParse({ device_info: 'android' }).success).toBe(false)
  })

  it('queues: statuses from a comma list; one change per update', () => {
    expect(QueueItems.parse({ id: ID, status: 'waiting,in_progress' }).status).toEqual(['waiting', 'in_progress'])
    expect(QueueItems.safeParse({ id: ID, status: 'lost' }).success).toBe(false)
    const base = { id: ID, itemId: ID }
    expect(UpdateQueueItem.safeParse({ ...base, priority: 'urgent' }).success).toBe(true)
    expect(UpdateQueueItem.safeParse({ ...base, status: 'completed' }).success).toBe(true)
    expect(UpdateQueueItem.safeParse({ ...base, assigned_to: null }).success).toBe(true)
    expect(UpdateQueueItem.safeParse({ ...base, priority: 'low', status: 'completed' }).success).toBe(false)
    expect(UpdateQueueItem.safeParse(base).success).toBe(false)
  })

  it('sync: an envelope of 1–100 operations, each a known operation (checked on its own)', () => {
    expect(Sync.safeParse({ ops: [{ op: 'scan', client_id: ID, args: {} }] }).success).toBe(true)
    expect(Sync.safeParse({ ops: [] }).success).toBe(false)
    expect(Sync.safeParse({ ops: Array(101).fill({ op: 'scan', args: {} }) }).success).toBe(false)
    expect(Sync.safeParse({ ops: 'all of them' }).success).toBe(false)
    // a bad op does not refuse the envelope: the route refuses it alone
    expect(Sync.safeParse({ ops: [{ op: 'drop_table', args: {} }] }).success).toBe(true)
    expect(SyncOp.safeParse({ op: 'scan', client_id: ID, args: {} }).success).toBe(true)
    expect(SyncOp.safeParse({ op: 'drop_table', args: {} }).success).toBe(false)
    expect(SyncOp.safeParse({ op: 'scan', client_id: 'x', args: {} }).success).toBe(false)
  })
})

// error mapping: tests/unit/result.test.ts (lib/errors.ts is the one mapper)

describe('idempotency keys', () => {
  it('uses a uuid as it is and hashes other keys per caller into a uuid', () => {
    expect(clientIdFrom(ID.toUpperCase(), 'u1')).toBe(ID)
    const a = clientIdFrom('retry-1', 'u1') as string
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(clientIdFrom('retry-1', 'u1')).toBe(a)
    expect(clientIdFrom('retry-1', 'u2')).not.toBe(a)
    expect(clientIdFrom(undefined, 'u1')).toBeUndefined()
    expect(clientIdFrom('bad key with spaces', 'u1')).toHaveProperty('error')
  })

  it('reads the subject of a token without trusting it', () => {
    const token = ['h', Buffer.from(JSON.stringify({ sub: 'user-1' })).toString('base64url'), 's'].join('.')
    expect(unverifiedSubject(token)).toBe('user-1')
    expect(unverifiedSubject('garbage')).toBe('anonymous')
  })
})
