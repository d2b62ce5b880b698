/**
 * The local stack sends no mail. What GoTrue would have emailed (today: reauthentication codes)
 * lands here instead, like the Inbucket/Mailpit mailbox of `supabase start`: it is logged, and
 * readable through GET /auth/v1/admin/outbox with the service role key (see README.md).
 */
export interface OutboxMessage {
  to: string
  type: 'reauthentication'
  /** The code the email would carry. */
  otp: string
  sent_at: string
}

const KEEP = 100

export class Outbox {
  private readonly messages: OutboxMessage[] = []

  push(m: OutboxMessage): void {
    this.messages.push(m)
    if (this.messages.length > KEEP) this.messages.shift()
  }

  /** Newest first, optionally only those to one address. */
  list(to?: string): OutboxMessage[] {
    const all = [...this.messages].reverse()
    return to ? all.filter((m) => m.to === to.toLowerCase()) : all
  }
}
