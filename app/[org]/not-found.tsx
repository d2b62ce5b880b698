import Link from 'next/link'
import { Logo } from '@/components/org/logo'
import { buttonClasses } from '@/components/ui'

export default function OrgNotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-5 text-center">
      <Logo className="text-xl" />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Workshop not found</h1>
        <p className="mt-2 max-w-md text-zinc-600 dark:text-zinc-400">
          There is no workshop at this address, or you are not a member of it.
        </p>
      </div>
      <Link href="/" className={buttonClasses({ variant: 'secondary' })}>
        Your workshops
      </Link>
    </main>
  )
}
