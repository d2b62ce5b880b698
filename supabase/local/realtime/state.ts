import type { StackConfig } from '../config'
import type { Capture, RealtimeDb } from './capture'
import type { Hub } from './hub'
import type { PresenceRegistry } from './presence'

/** What every connection and channel of the realtime module shares. */
export interface RealtimeState {
  cfg: StackConfig
  rdb: RealtimeDb
  hub: Hub
  presence: PresenceRegistry
  capture: Capture
  log: (m: string) => void
}

/** Largest broadcast payload accepted (bytes), as Realtime's default tenant limit of 256 KB. */
export const MAX_BROADCAST_BYTES = 256 * 1024
