import Link from 'next/link'
import { buttonClasses } from '@/components/ui'

/** For a person who may not work on the floor from here: operators PIN in on a station tablet. */
export function PinInFirst({ slug, orgName }: { slug: string; orgName: string }) {
  return (
    <div className="flex min-h-dvh items-center justify-center bg-zinc-100 p-6 dark:bg-zinc-950">
      <section className="flex w-full max-w-lg flex-col gap-5 rounded-3xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-semibold tracking-tight">PIN in on a station first</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Scanning and queues at {orgName} run on a station tablet: PIN in there with your badge.
        </p>
        <Link href={`/${slug}/station`} className={buttonClasses({ size: 'touch' })}>
          Go to the station
        </Link>
      </section>
    </div>
  )
}
