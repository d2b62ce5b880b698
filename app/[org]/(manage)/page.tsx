import Link from 'next/link'
import { EmptyState } from '@/components/common/empty-state'
import { Pill } from '@/components/common/pill'
import { WorkshopOverview } from '@/components/org/overview'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui'
import { KIND_LABEL } from '@/lib/locations/schema'
import { atLeast, ROLE_HINT, ROLE_LABEL } from '@/lib/members/roles'
import { orgSettings } from '@/lib/orders/queries'
import { orgPlaces, requireOrg } from '@/lib/orgs/queries'

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  return { title: org.name }
}

/**
 * The workshop's home: for supervisors and above its overview first (the workshop's name, today's
 * figures); then who I am here, my role, and the workshop's locations and teams.
 */
export default async function OrgHomePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrg((await params).org)
  const { org } = ctx
  const { locations, teams } = ctx.org.can_act ? await orgPlaces(org.org_id) : { locations: [], teams: [] }
  const activeLocations = locations.filter((l) => l.is_active)
  const activeTeams = teams.filter((t) => t.is_active)
  const base = `/${org.slug}`
  const staff = org.can_act && atLeast(org.role, 'supervisor')
  const timeZone = staff ? (await orgSettings(org.org_id)).timeZone : 'UTC'

  return (
    <div className="flex flex-col gap-8">
      {staff ? (
        <div className="flex flex-col gap-4">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="overview-heading">
            {org.name}
          </h1>
          <WorkshopOverview orgId={org.org_id} slug={org.slug} timeZone={timeZone} />
        </div>
      ) : null}
      <section
        aria-labelledby="me"
        className="flex flex-col gap-5 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex items-center gap-4">
          <span
            aria-hidden="true"
            className="grid size-14 shrink-0 place-items-center rounded-2xl bg-brand-600 text-xl font-semibold text-on-brand dark:bg-brand-500"
          >
            {org.display_name.slice(0, 1).toUpperCase()}
          </span>
          <div className="min-w-0">
            <p className="text-sm text-zinc-500 dark:text-zinc-400">{org.name}</p>
            {staff ? (
              <h2 id="me" className="truncate text-xl font-semibold tracking-tight">
                {org.display_name}
              </h2>
            ) : (
              <h1 id="me" className="truncate text-2xl font-semibold tracking-tight">
                {org.display_name}
              </h1>
            )}
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
              <Pill tone="brand" data-testid="my-role">
                {ROLE_LABEL[org.role]}
              </Pill>
              <span className="truncate">{ctx.email}</span>
            </p>
          </div>
        </div>
        <p className="max-w-xs text-sm text-zinc-600 sm:text-right dark:text-zinc-400">{ROLE_HINT[org.role]}</p>
      </section>

      {atLeast(org.role, 'supervisor') ? (
        <nav aria-label="Quick actions" className="grid gap-3 sm:grid-cols-3">
          <QuickLink href={`${base}/settings/members`} title="Members" text="People, roles, PINs and badges" />
          <QuickLink
            href={`${base}/settings/locations`}
            title="Locations & teams"
            text="Floor areas, stations and groups"
          />
          <QuickLink href={`${base}/station`} title="Station tablet" text="Sign this device in for PIN-in" />
        </nav>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card aria-labelledby="locations">
          <CardHeader className="flex-row items-baseline justify-between">
            <div>
              <CardTitle id="locations">Locations</CardTitle>
              <CardDescription>Floor areas and workstations</CardDescription>
            </div>
            <span className="text-sm text-zinc-500 dark:text-zinc-400">{activeLocations.length}</span>
          </CardHeader>
          <CardContent>
            {activeLocations.length === 0 ? (
              <EmptyState title="No locations yet">
                Managers add floor areas and workstations under Locations & teams.
              </EmptyState>
            ) : (
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {activeLocations.map((l) => (
                  <li key={l.id} className="flex items-center justify-between gap-3 py-2.5">
                    <div className="min-w-0">
                      <p className="truncate font-medium">{l.name}</p>
                      {l.description ? (
                        <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">{l.description}</p>
                      ) : null}
                    </div>
                    <Pill>{KIND_LABEL[l.kind]}</Pill>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card aria-labelledby="teams">
          <CardHeader className="flex-row items-baseline justify-between">
            <div>
              <CardTitle id="teams">Teams</CardTitle>
              <CardDescription>Groups of people</CardDescription>
            </div>
            <span className="text-sm text-zinc-500 dark:text-zinc-400">{activeTeams.length}</span>
          </CardHeader>
          <CardContent>
            {activeTeams.length === 0 ? (
              <EmptyState title="No teams yet">Managers group people into teams under Locations & teams.</EmptyState>
            ) : (
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {activeTeams.map((t) => (
                  <li key={t.id} className="py-2.5">
                    <p className="font-medium">{t.name}</p>
                    {t.description ? <p className="text-sm text-zinc-500 dark:text-zinc-400">{t.description}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  )
}

function QuickLink({ href, title, text }: { href: string; title: string; text: string }) {
  return (
    <Link
      href={href}
      className="group flex items-center justify-between gap-3 rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-sm transition-colors hover:border-brand-500 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <span>
        <span className="block font-medium">{title}</span>
        <span className="block text-sm text-zinc-500 dark:text-zinc-400">{text}</span>
      </span>
      <span aria-hidden="true" className="text-zinc-400 transition-transform group-hover:translate-x-0.5">
        →
      </span>
    </Link>
  )
}
