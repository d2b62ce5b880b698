import Link from 'next/link'
import { EmptyState } from '@/components/common/empty-state'
import { PrintButton } from '@/components/members/print-button'
import { buttonClasses } from '@/components/ui'
import { count } from '@/lib/format'
import { badgeQrSvg } from '@/lib/members/qr'
import { listMembers } from '@/lib/members/queries'
import { atLeast, ROLE_LABEL } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'Badges' }

/** A printable sheet of badge cards: one QR per badge code with the person's name (credit-card size). */
export default async function BadgesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return <EmptyState title="Supervisors and above print badges" />
  }
  const members = (await listMembers(org.org_id)).filter((m) => m.is_active && m.badge_code)
  const cards = await Promise.all(members.map(async (m) => ({ ...m, svg: await badgeQrSvg(m.badge_code) })))

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4 print:hidden">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Badges</h1>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">
            {count(cards.length, 'badge')}. Print on card stock, cut along the lines; operators scan them at a station.
          </p>
        </div>
        <div className="flex gap-2">
          <Link href={`/${org.slug}/settings/members`} className={buttonClasses({ variant: 'ghost' })}>
            Back to members
          </Link>
          <PrintButton />
        </div>
      </div>
      {cards.length === 0 ? (
        <EmptyState title="No badges to print">Give members a badge code when you invite them.</EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3 print:gap-0">
          {cards.map((c) => (
            <li
              key={c.member_id}
              data-testid="badge-card"
              className="flex break-inside-avoid items-center gap-4 rounded-xl border border-zinc-300 bg-white p-4 text-zinc-900 print:rounded-none print:border-dashed"
            >
              <div
                role="img"
                aria-label={`QR code for badge ${c.badge_code}`}
                className="size-28 shrink-0 [&>svg]:size-full"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made on the server by the qrcode package from a checked badge code
                dangerouslySetInnerHTML={{ __html: c.svg }}
              />
              <div className="min-w-0">
                {/* the card is white in both themes (it is printed), so its text keeps light-theme colours */}
                <p className="text-xs font-medium tracking-wide text-zinc-600 uppercase">{org.name}</p>
                <p className="mt-1 text-lg leading-tight font-semibold">{c.display_name}</p>
                <p className="text-sm text-zinc-600">
                  {ROLE_LABEL[c.role]}
                  {c.team_name ? ` · ${c.team_name}` : ''}
                </p>
                <p className="mt-2 font-mono text-sm tracking-wider">{c.badge_code}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
