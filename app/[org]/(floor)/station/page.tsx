import Link from 'next/link'
import { redirect } from 'next/navigation'
import { Alert } from '@/components/common/alert'
import { OfflineReady } from '@/components/common/offline-ready'
import { ForgetStationButton } from '@/components/station/forget-station'
import { OperatorScreen } from '@/components/station/operator-screen'
import { PinPad } from '@/components/station/pin-pad'
import { RegisterStationForm } from '@/components/station/register-form'
import { StationShell } from '@/components/station/station-shell'
import { buttonClasses } from '@/components/ui'
import { atLeast, ROLE_LABEL } from '@/lib/members/roles'
import { currentClaims, myOrganisations } from '@/lib/orgs/queries'
import { describeTimeout } from '@/lib/station/idle'
import { registrableLocations, stationState } from '@/lib/station/queries'

export const metadata = { title: 'Station' }

/**
 * The shared tablet. Reached without a personal sign-in: between PIN-ins the tablet proves itself
 * with its station cookie, so this route sits outside the (manage) layout that requires membership.
 */
export default async function StationPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<{ ended?: string }>
}) {
  const slug = (await params).org
  const { ended } = await searchParams
  const state = await stationState(slug)

  if (state.kind === 'elsewhere') redirect(`/${state.slug}/station`)

  if (state.kind === 'revoked') {
    return (
      <StationShell>
        <Card title="This tablet was signed out">
          <p className="text-zinc-600 dark:text-zinc-400">
            A supervisor signed this station out. Sign it in again to use PIN-in here.
          </p>
          <ForgetStationButton />
        </Card>
      </StationShell>
    )
  }

  if (state.kind === 'operator') {
    const { station, operator } = state
    return (
      <StationShell place={{ station: station.station_name, location: station.location_name, org: station.org_name }}>
        <OfflineReady slug={slug} signedIn />
        <OperatorScreen
          key={operator.operatorSessionId}
          slug={slug}
          displayName={operator.displayName}
          role={operator.role}
          idleTimeoutSeconds={operator.idleTimeoutSeconds}
        />
      </StationShell>
    )
  }

  if (state.kind === 'pad') {
    const { station } = state
    return (
      <StationShell place={{ station: station.station_name, location: station.location_name, org: station.org_name }}>
        <OfflineReady slug={slug} signedIn={false} />
        <PinPad
          roster={state.roster}
          rosterEnabled={station.roster_enabled}
          staleSession={state.staleSession}
          notice={
            ended === 'idle'
              ? `PINed out after ${describeTimeout(station.idle_timeout_seconds)} without activity.`
              : undefined
          }
        />
      </StationShell>
    )
  }

  // setup: no station secret on this tablet yet
  const claims = await currentClaims()
  const me = claims ? (await myOrganisations()).find((o) => o.slug === slug) : undefined
  const locations = me?.can_act ? await registrableLocations(me.org_id, me.role) : null
  return (
    <StationShell>
      <Card title="Set this tablet up as a station">
        {me && locations ? (
          locations.length ? (
            <>
              <RegisterStationForm locations={locations} signedInAs={`${me.display_name}, ${ROLE_LABEL[me.role]}`} />
              <Link href={`/${slug}`} className={buttonClasses({ variant: 'ghost' }, 'self-center')}>
                Back to {me.name}
              </Link>
            </>
          ) : (
            <Alert tone="warning">
              {me.name} has no active locations yet. Add one under{' '}
              <Link className="underline" href={`/${slug}/settings/locations`}>
                Locations & teams
              </Link>{' '}
              first.
            </Alert>
          )
        ) : (
          <>
            <p className="text-zinc-600 dark:text-zinc-400">
              A supervisor signs a shared tablet in once, at a location. Operators then PIN in on it with their badge
              and PIN.
            </p>
            {me && !atLeast(me.role, 'supervisor') ? (
              <Alert tone="warning">
                You are signed in as {ROLE_LABEL[me.role].toLowerCase()}: only supervisors and above can sign a tablet
                in.
              </Alert>
            ) : null}
            <Link
              href={`/login?next=${encodeURIComponent(`/${slug}/station`)}`}
              className={buttonClasses({ size: 'touch' })}
            >
              Sign in as a supervisor
            </Link>
          </>
        )}
      </Card>
    </StationShell>
  )
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="my-auto flex w-full max-w-lg flex-col gap-5 rounded-3xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children}
    </section>
  )
}
