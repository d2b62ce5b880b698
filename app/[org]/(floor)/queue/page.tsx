import { OfflineReady } from '@/components/common/offline-ready'
import { PinInFirst } from '@/components/floor/pin-in-first'
import { QueueScreen } from '@/components/floor/queue-screen'
import { floorContext } from '@/lib/floor/queries'
import type { Queue } from '@/lib/floor/types'
import { expectRpc, jsonArray } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'My queue' }

/** The operator's queue on the tablet, live; "Next item" claims the best waiting entry. */
export default async function QueuePage({ params }: { params: Promise<{ org: string }> }) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act)
    return (
      <>
        <PinInFirst slug={slug} orgName={ctx.org.name} />
        <OfflineReady slug={slug} signedIn={false} />
      </>
    )
  const supabase = await createClient()
  const queues = expectRpc(
    jsonArray<Queue>(),
    await supabase.rpc('floor_queues', { p_org_id: ctx.org.org_id }),
    'floor_queues',
  )
  return (
    <>
      <OfflineReady slug={slug} signedIn />
      <QueueScreen
        org={{ id: ctx.org.org_id, slug, timeZone: ctx.timeZone }}
        me={{
          memberId: ctx.org.member_id,
          displayName: ctx.org.display_name,
          supervisor: ctx.supervisor,
          pinnedIn: Boolean(ctx.org.operator_session_id),
        }}
        queues={queues}
      />
    </>
  )
}
