import Link from 'next/link'
import { redirect } from 'next/navigation'
import { LoginForm } from '@/components/auth/login-form'
import { Logo } from '@/components/org/logo'
import { landingPath, safeNextPath } from '@/lib/auth/schema'
import { NO_MATCH } from '@/lib/auth/sign-in'
import { waitText } from '@/lib/auth/sign-in-limit'
import { currentClaims, myOrganisations } from '@/lib/orgs/queries'

export const metadata = { title: 'Sign in' }

const first = (v?: string | string[]) => (Array.isArray(v) ? v[0] : v)

/** What the no-JavaScript post (login/submit) came back with: a reason key, never what was typed. */
function noticeFor(error?: string, wait?: string): string | undefined {
  switch (error) {
    case undefined:
      return undefined
    case 'no-match':
      return NO_MATCH
    case 'unconfirmed':
      return 'Confirm your email address first: look for the message we sent you.'
    case 'throttled':
      return `Too many attempts: try again in ${waitText(Math.max(1, Number(wait) || 60))}.`
    case 'invalid':
      return 'Enter your email address and your password.'
    case 'cross-site':
      return 'Sign in from this page.'
    default:
      return 'Signing in is not possible right now. Try again in a moment.'
  }
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; error?: string | string[]; wait?: string | string[] }>
}) {
  const params = await searchParams
  const next = safeNextPath(first(params.next)) ?? undefined
  const notice = noticeFor(first(params.error), first(params.wait))
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
          <LoginForm next={next} notice={notice} />
          <p className="mt-4 text-sm">
            <Link href="/forgot-password" className="underline">
              Forgotten your password? Reset it by text
            </Link>
          </p>
        </div>
        <p className="text-center text-sm text-zinc-500 dark:text-zinc-400">
          On the floor? Operators PIN in on the station tablet: no password needed.
        </p>
      </div>
    </main>
  )
}
