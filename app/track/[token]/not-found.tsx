import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Order not found', robots: { index: false, follow: false } }

/** Unknown, revoked or mistyped link: a friendly dead end that says nothing about what exists. */
export default function TrackNotFound() {
  return (
    <main className="grid min-h-dvh place-items-center bg-zinc-50 px-4 py-10 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-3xl border border-zinc-200 bg-white p-7 text-center shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <span
          aria-hidden="true"
          className="mx-auto mb-4 grid size-14 place-items-center rounded-2xl bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="size-7"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M21 8l-9-5-9 5 9 5 9-5zM3 8v8l9 5 9-5V8M12 13v8" />
          </svg>
        </span>
        <h1 className="text-xl font-semibold tracking-tight">We couldn&apos;t find that order</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          The tracking link may be mistyped, or it was replaced by a newer one. Check the link in your order email, or
          ask the workshop for a fresh one.
        </p>
      </div>
    </main>
  )
}
