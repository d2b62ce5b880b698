import Link from 'next/link'
import { redirect } from 'next/navigation'
import { LoginForm } from '@/components/auth/login-form'
import { Logo } from '@/components/org/logo'
import { landingPath, safeNextPath } from '@/lib/auth/schema'
import { currentClaims, myOrganisations } from '@/lib/orgs/queries'

export const metadata = { title: 'Sign in' }

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw) ?? undefined
  if (await currentClaims()) {
    const orgs = await myOrganisations()
    redirect(
      landingPath(
        orgs.map((o) => o.slug),
        next,
      ),
    )
  }

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50/60 to-transparent px-5 py-12 dark:from-brand-500/5">
      <div className="flex w-full max-w-sm flex-col gap-8">
        <Link href="/" className="self-center rounded-lg">
          <Logo className="text-2xl" />
        </Link>
        <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
          <div className="mb-6">
            <h1 className="text-xl font-semibold tracking-tight">Sign in to your workshop</h1>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              {next?.endsWith('/station')
                ? 'Sign in as a supervisor to set this tablet up as a station.'
                : 'Use the email and password your workshop gave you.'}
            </p>
          </div>
          <LoginForm next={next} />
        </div>
        <p className="text-center text-sm text-zinc-500 dark:text-zinc-400">
          On the floor? Operators PIN in on the station tablet: no password needed.
        </p>
      </div>
    </main>
  )
}
