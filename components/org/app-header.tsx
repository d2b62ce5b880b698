import Link from 'next/link'
import { atLeast, ROLE_LABEL } from '@/lib/members/roles'
import type { OrgContext } from '@/lib/orgs/queries'
import { Logo } from './logo'
import { type NavItem, OrgNav } from './nav'
import { OrgSwitcher } from './org-switcher'
import { UserMenu } from './user-menu'

export function AppHeader({ ctx }: { ctx: OrgContext }) {
  const { org, orgs } = ctx
  const base = `/${org.slug}`
  const items: NavItem[] = [
    { href: base, label: 'Overview' },
    ...(atLeast(org.role, 'supervisor')
      ? [
          { href: `${base}/orders`, label: 'Orders' },
          { href: `${base}/batches`, label: 'Batches' },
          { href: `${base}/dashboard`, label: 'Dashboard' },
          { href: `${base}/summary`, label: 'Summary' },
          { href: `${base}/floor`, label: 'Floor' },
          { href: `${base}/queues`, label: 'Queues' },
          { href: `${base}/labels`, label: 'Labels' },
          { href: `${base}/stock`, label: 'Stock' },
          { href: `${base}/counts`, label: 'Counts' },
        ]
      : []),
    { href: `${base}/models`, label: 'Models' },
    { href: `${base}/cutting`, label: 'Cutting' },
    ...(atLeast(org.role, 'supervisor') ? [{ href: `${base}/sewing`, label: 'Sewing' }] : []),
    ...(atLeast(org.role, 'supervisor') ? [{ href: `${base}/sewing/earnings`, label: 'Sewing earnings' }] : []),
    { href: `${base}/me/earnings`, label: 'My earnings' },
    ...(atLeast(org.role, 'supervisor') ? [{ href: `${base}/settings/members`, label: 'Members' }] : []),
    { href: `${base}/settings/locations`, label: 'Locations & teams' },
    ...(atLeast(org.role, 'manager') ? [{ href: `${base}/settings/workflows`, label: 'Workflows' }] : []),
    ...(atLeast(org.role, 'manager') ? [{ href: `${base}/settings/shifts`, label: 'Shifts' }] : []),
    ...(atLeast(org.role, 'manager') ? [{ href: `${base}/sms`, label: 'Texts' }] : []),
    ...(atLeast(org.role, 'supervisor') ? [{ href: `${base}/station`, label: 'Station' }] : []),
    ...(atLeast(org.role, 'supervisor') ? [{ href: `${base}/sync`, label: 'Sync conflicts' }] : []),
    ...(atLeast(org.role, 'supervisor')
      ? [
          { href: `${base}/customer-queues`, label: 'Customer queues' },
          { href: `${base}/counter`, label: 'Counter' },
        ]
      : []),
  ]
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur print:hidden dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:px-6">
        <Link href={base} className="rounded-lg p-1" aria-label="Floorline: workshop overview">
          <Logo compact className="text-xl" />
        </Link>
        <span aria-hidden="true" className="text-zinc-300 dark:text-zinc-700">
          /
        </span>
        <OrgSwitcher
          current={{ slug: org.slug, name: org.name, role: org.role }}
          orgs={orgs.map((o) => ({ slug: o.slug, name: o.name, role: o.role }))}
        />
        <div className="ml-auto">
          <UserMenu name={org.display_name} email={ctx.email} roleLabel={ROLE_LABEL[org.role]} slug={org.slug} />
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-2 sm:px-4">
        <OrgNav items={items} />
      </div>
    </header>
  )
}
