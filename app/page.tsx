import Link from 'next/link'
import { buttonClasses, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui'
import { myInvitations } from '@/lib/invitations/queries'
import { currentClaims } from '@/lib/orgs/queries'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Floorline' }

/**
 * Home: signed out, what Floorline is and a way in; signed in, the workshops the person belongs
 * to, read through supabase-js as them (RLS decides which rows come back).
 */
export default async function HomePage() {
  const claims = await currentClaims()

  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-5 py-10 sm:py-16">
      <header className="flex items-center justify-between gap-4">
        <p className="text-xl font-bold tracking-tight">
          Floor<span className="text-brand-600 dark:text-brand-500">line</span>
        </p>
        {claims ? (
          <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{claims.email}</p>
        ) : (
          <Link href="/login" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
            Sign in
          </Link>
        )}
      </header>
      {claims ? <Workshops userId={claims.sub} /> : <Welcome />}
    </main>
  )
}

function Welcome() {
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">
        Shop-floor tracking for small workshops
      </h1>
      <p className="text-lg text-zinc-600 dark:text-zinc-400">
        Orders, batches and the stages they move through; tablets on the floor where operators scan a badge, PIN in and
        record their work; a live view of every queue for the people who run the workshop.
      </p>
      <div>
        <Link href="/login" className={buttonClasses({ size: 'touch' })}>
          Sign in to your workshop
        </Link>
      </div>
    </section>
  )
}

async function Workshops({ userId }: { userId: string }) {
  const supabase = await createClient()
  const { data: memberships, error } = await supabase
    .from('members')
    .select('role, organisations!inner(name, slug)')
    .eq('user_id', userId)
    .eq('is_active', true)
  const workshops = (memberships ?? []).toSorted((a, b) => a.organisations.name.localeCompare(b.organisations.name))
  const invitations = await myInvitations()

  return (
    <section aria-labelledby="workshops" className="flex flex-col gap-4">
      <h1 id="workshops" className="text-3xl font-bold tracking-tight">
        Your workshops
      </h1>
      {invitations.length > 0 ? (
        <Link
          href="/invitations"
          className="rounded-lg border border-brand-500 bg-brand-50 px-4 py-3 text-sm font-medium dark:bg-brand-500/10"
        >
          {invitations.length === 1
            ? `${invitations[0].org_name} invites you to join. Review the invitation →`
            : `${invitations.length} workshops invite you to join. Review the invitations →`}
        </Link>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          Could not load your workshops: {error.message}
        </p>
      ) : workshops.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">You are not a member of any workshop yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {workshops.map((m) => (
            <li key={m.organisations.slug}>
              <Link href={`/${m.organisations.slug}`} className="block rounded-xl focus-visible:outline-2">
                <Card className="transition-colors hover:border-brand-500">
                  <CardHeader>
                    <CardTitle>{m.organisations.name}</CardTitle>
                    <CardDescription className="capitalize">{m.role}</CardDescription>
                  </CardHeader>
                  <CardContent className="text-sm text-brand-700 dark:text-brand-100">Open →</CardContent>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
