import Link from 'next/link'
import { ResetBySmsForm } from '@/components/auth/reset-by-sms-form'
import { Logo } from '@/components/org/logo'

export const metadata = { title: 'Forgotten password' }

/** Forgotten password: a one-time code by text to the phone on the account (docs/sms.md §OTP). */
export default function ForgotPasswordPage() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50/60 to-transparent px-5 py-12 dark:from-brand-500/5">
      <div className="flex w-full max-w-sm flex-col gap-8">
        <Link href="/" className="self-center rounded-lg">
          <Logo className="text-2xl" />
        </Link>
        <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="mb-6 text-xl font-semibold tracking-tight">Reset your password by text</h1>
          <ResetBySmsForm />
        </div>
        <Link href="/login" className="self-center text-sm underline">
          Back to sign in
        </Link>
      </div>
    </main>
  )
}
