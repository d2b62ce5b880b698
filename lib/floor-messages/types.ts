/** The jsonb answers of the floor message and flag RPCs (docs/floor.md §18). */
export interface FloorMessage {
  id: string
  body: string
  urgent: boolean
  created_at: string
  expires_at: string
  sent_by: { member_id: string; display_name: string } | null
  to: { kind: 'person' | 'team' | 'location'; id: string; name: string | null }
}

export interface LoggedMessage extends FloorMessage {
  live: boolean
  acks: Array<{ member_id: string; display_name: string; acknowledged_at: string }>
}

export interface OpenFlag {
  id: string
  kind: string
  note: string | null
  raised_at: string
  raised_by: { member_id: string | null; display_name: string | null }
  location: { id: string; name: string } | null
  item: { id: string; kind: string; ref_id: string; number: string; title: string; stage: string | null }
}
