import { OfflineReady } from '@/components/common/offline-ready'
import { PinInFirst } from '@/components/floor/pin-in-first'
import { ScanScreen } from '@/components/scan/scan-screen'
import { floorContext } from '@/lib/floor/queries'
import { myPreferences } from '@/lib/preferences/queries'

export const metadata = { title: 'Scan' }

/**
 * The PINed-in operator's home on a station tablet: scan (camera, hand scanner or typed), see the
 * item, do the stage's actions, advance. Supervisors and above may use it on their own devices.
 */
export default async function ScanPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<{ item?: string }>
}) {
  const slug = (await params).org
  const { item } = await searchParams
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act)
    return (
      <>
        <PinInFirst slug={slug} orgName={ctx.org.name} />
        <OfflineReady slug={slug} signedIn={false} />
      </>
    )
  const prefs = await myPreferences()
  return (
    <>
      <OfflineReady slug={slug} signedIn />
      <ScanScreen
        org={{ id: ctx.org.org_id, slug, name: ctx.org.name, labelPrefix: ctx.labelPrefix, timeZone: ctx.timeZone }}
        me={{
          displayName: ctx.org.display_name,
          supervisor: ctx.supervisor,
          pinnedIn: Boolean(ctx.org.operator_session_id),
          userId: ctx.userId,
        }}
        prefs={{ sound: prefs?.soundEnabled ?? true, vibration: prefs?.vibrationEnabled ?? true }}
        initialItemId={item && /^[0-9a-f-]{36}$/i.test(item) ? item : undefined}
      />
    </>
  )
}
