import { fromRpc, route } from '@/lib/route'
import { ItemLockInput } from '@/lib/sync/schemas'

/**
 * The tablet holding the item it works on (docs/offline.md "Item locks"): POST takes the lock for
 * the caller's floor session — or renews it, for its holder — for 1–15 minutes; 409 ITEM_LOCKED
 * names who holds it and until when. DELETE releases it. The rules are item_lock_acquire's.
 */
export const POST = route({
  schema: ItemLockInput,
  from: 'body',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('item_lock_acquire', {
          p_session_id: i.session_id,
          p_item_id: i.id,
          p_reason: i.reason ?? 'offline_sync',
          p_minutes: i.minutes ?? 15,
        })
        .abortSignal(ctx.signal),
    ),
})

export const DELETE = route({
  schema: ItemLockInput.pick({ id: true, session_id: true }),
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('item_lock_release', { p_session_id: i.session_id, p_item_id: i.id })
        .abortSignal(ctx.signal),
    ),
})
