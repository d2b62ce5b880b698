/**
 * Names of the app's private Realtime topics, as the database builds them (app.realtime_topic in
 * supabase/migrations/20261203004100_realtime_private_channels.sql). Every channel the app joins is
 * private: who may receive is RLS on realtime.messages (app_realtime.can_read), and nobody but the
 * database may send. Tracking topics (`track:<sha256 of the token>`) come from track_order's `channel`.
 */
export type OrgScope =
  | 'board'
  | 'floor'
  | 'sms'
  | 'sewing'
  | 'counts'
  | 'messages'
  | `queue:${string}`
  | `events:${string}`

export const orgTopic = (orgId: string, scope: OrgScope) => `org:${orgId}:${scope}`

/** The event of every org topic; its payload says which row changed (the screens re-read it). */
export const CHANGED_EVENT = 'changed'

export interface RowChanged {
  table: string
  op: 'INSERT' | 'UPDATE' | 'DELETE'
  id: string | null
}

/** Join options of every app channel: private, and deaf to its own (refused anyway) sends. */
export const PRIVATE_CHANNEL = { config: { private: true, broadcast: { self: false } } } as const
