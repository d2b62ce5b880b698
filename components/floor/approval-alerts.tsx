import { Alert } from '@/components/common/alert'
import { count, formatTime } from '@/lib/format'

/** floor_approval_alerts(): failed approver-PIN attempts the supervisor may see (RLS), last 24 hours. */
export interface ApprovalAlerts {
  since: string
  approvers: Array<{
    member_id: string
    display_name: string | null
    badge_code: string
    failures: number
    throttled: number
    last_failed_at: string
    throttled_until: string | null
    stations: string[]
  }>
  tablets: Array<{
    station_id: string
    station_name: string | null
    failures: number
    unknown_badges: number
    braked: number
    last_failed_at: string
  }>
}

/**
 * Tells supervisors that an approval PIN was being tried: whose, how often, from which tablet, and
 * whether approvals with it are paused. Nothing when nothing happened.
 */
export function ApprovalAlertsNotice({ alerts, timeZone }: { alerts: ApprovalAlerts; timeZone: string }) {
  const time = (at: string) => formatTime(at, timeZone)
  if (!alerts.approvers.length && !alerts.tablets.length) return null
  return (
    <Alert tone="warning" data-testid="approval-alerts" className="flex flex-col gap-1">
      <p className="font-semibold">Approval PINs were tried in the last 24 hours</p>
      <ul className="list-disc pl-5">
        {alerts.approvers.map((a) => (
          <li key={`${a.member_id}:${a.badge_code}`}>
            {a.display_name ?? a.badge_code}: {count(a.failures, 'wrong PIN')}
            {a.stations.length ? ` on ${a.stations.join(', ')}` : ''}, last at {time(a.last_failed_at)}
            {a.throttled_until ? ` — approvals with this badge paused until ${time(a.throttled_until)}` : ''}
          </li>
        ))}
        {alerts.tablets.map((t) => (
          <li key={t.station_id}>
            {t.station_name ?? 'A tablet'}: {count(t.unknown_badges, 'unknown badge')} tried
            {t.braked ? `, braked ${count(t.braked, 'time')}` : ''}, last at {time(t.last_failed_at)}
          </li>
        ))}
      </ul>
      <p>Their own station PIN-in is not affected. If this was not you or your team, change the PIN.</p>
    </Alert>
  )
}
