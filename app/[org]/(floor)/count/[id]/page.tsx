import { notFound } from 'next/navigation'
import { OfflineReady } from '@/components/common/offline-ready'
import { PinInFirst } from '@/components/floor/pin-in-first'
import { CountTablet } from '@/components/stock/count-tablet'
import { floorContext } from '@/lib/floor/queries'
import { orgPlaces } from '@/lib/orgs/queries'
import { countSheet, stockItems } from '@/lib/stock/queries'

export const metadata = { title: 'Count' }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The counting tablet (docs/stock.md): a PINed-in operator (or a supervisor on their own device)
 * scans or picks a line and keys in what is on the shelf. A blind count's sheet carries no expected
 * quantity at all: the database never sends it here. Kept for offline like the other tablet screens
 * (lib/offline/tablet-screens.ts): a reload with no connection opens the copy the service worker kept.
 */
export default async function CountPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params
  if (!UUID.test(id)) notFound()
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act)
    return (
      <>
        <PinInFirst slug={slug} orgName={ctx.org.name} />
        <OfflineReady slug={slug} signedIn={false} />
      </>
    )
  const sheet = await countSheet(id).catch(() => null)
  if (!sheet) notFound()
  // what may be added for stock found with no line: items and locations in the count's scope
  const c = sheet.count
  const [allItems, places] = await Promise.all([stockItems(ctx.org.org_id), orgPlaces(ctx.org.org_id)])
  const onCount = new Set(sheet.lines.map((l) => l.stock_item_id))
  const items = allItems
    .filter((i) => i.is_active)
    .filter((i) =>
      c.scope === 'categories' ? c.categories.includes(i.category) : c.scope === 'cycle' ? onCount.has(i.id) : true,
    )
    .map((i) => ({ id: i.id, code: i.code, name: i.name, unit: i.unit }))
  const locations = places.locations
    .filter((l) => l.is_active && (c.location_ids.length === 0 || c.location_ids.includes(l.id)))
    .map((l) => ({ id: l.id, name: l.name }))
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <OfflineReady slug={slug} signedIn />
      <CountTablet
        org={{ id: ctx.org.org_id, slug, timeZone: ctx.timeZone }}
        sheet={sheet}
        readAt={new Date().toISOString()}
        owner={`${ctx.userId}:${ctx.org.org_id}:counts`}
        items={items}
        locations={locations}
      />
    </main>
  )
}
