import type { ActionTarget, CardAction, ItemCard, ScanAnswer } from '@/lib/floor/types'
import type { Banner } from './scan-banner'

/** A short title for a refused scan; the server's message says the rest. */
export function scanErrorTitle(code: string): string {
  switch (code) {
    case 'FOREIGN_LABEL':
      return 'Another workshop’s label'
    case 'INVALID_CODE':
      return 'Not a readable code'
    case 'UNSUPPORTED_LABEL_VERSION':
      return 'Label too new for this app'
    case 'UNKNOWN_CODE':
    case 'ITEM_NOT_FOUND':
      return 'Not found'
    case 'ACTION_NOT_AVAILABLE':
    case 'WRONG_SCAN_TYPE':
      return 'Not here'
    case 'SESSION_ENDED':
    case 'SESSION_TAKEN':
      return 'Session moved'
    default:
      return 'Scan failed'
  }
}

/** Codes that mean the floor session is gone from this tablet: start (or take over) again. */
export const SESSION_LOST = new Set(['SESSION_ENDED', 'SESSION_TAKEN', 'SESSION_NOT_FOUND'])

/**
 * What a recorded scan means on screen: the banner, and the action card's action to open (an action
 * card scanned while its item is shown).
 */
export function scanOutcome(
  a: ScanAnswer,
  shown: ItemCard | null,
): { banner: Omit<Banner, 'tone' | 'code'>; open?: { action: CardAction; on: ActionTarget } } | null {
  if (a.completed_action) {
    return { banner: { title: `Done: ${a.completed_action.label}`, text: a.item ? `${a.item.number}` : undefined } }
  }
  if (a.type === 'item' && a.item) {
    return { banner: { title: `${a.item.number} · ${a.item.stage_name ?? a.item.status}`, text: a.item.title } }
  }
  if (a.type === 'location' && a.location) return { banner: { title: `Now at ${a.location.name}` } }
  if (a.type === 'user' && a.user) {
    return { banner: { title: a.user.display_name, text: `Badge ${a.user.badge_code} · ${a.user.role}` } }
  }
  if (a.type === 'action' && a.action) {
    const key = a.action.key
    // the shown card's own action, or (on a unit's card) its batch's
    const own = shown?.actions.find((x) => x.key === key)
    const onBatch = own ? undefined : shown?.batch_actions?.find((x) => x.key === key)
    const act = own ?? onBatch
    const on = own ? shown : onBatch && shown?.batch ? { ...shown.batch, org_id: shown.org_id } : undefined
    return {
      banner: { title: a.action.label, text: act && on ? `For ${on.number}` : 'Scan an item first' },
      open: act && on && act.status !== 'completed' ? { action: act, on } : undefined,
    }
  }
  return null
}
