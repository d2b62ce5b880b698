import { z } from 'zod'
import { jsonArray, jsonObject } from '@/lib/rpc'
import type { OrderJson, OrderRow } from './types'

// The jsonb answers of the order RPCs, parsed once where they arrive (lib/rpc.ts). The order object
// is documented in lib/orders/types.ts; the fields logic reads are checked here.

export const TrackingLinkAnswer = z.object({
  token_id: z.string(),
  token: z.string().nullable(),
  path: z.string(),
  channel: z.string(),
})
export const OrderAnswer = z.object({ order: jsonObject<OrderJson>() })
export const CreateOrderAnswer = OrderAnswer.extend({ tracking: TrackingLinkAnswer.nullable().optional() })
export const OrderPageAnswer = z.object({ rows: jsonArray<OrderRow>(), next_cursor: z.string().nullable() })
