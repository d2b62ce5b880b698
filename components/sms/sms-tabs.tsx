import Link from 'next/link'
import { cn } from '@/lib/cn'

export const SMS_TABS = [
  { key: 'compose', label: 'Compose' },
  { key: 'templates', label: 'Templates' },
  { key: 'log', label: 'Message log' },
  { key: 'optouts', label: 'Opt-outs' },
  { key: 'costs', label: 'Costs' },
  { key: 'settings', label: 'Providers & settings' },
] as const
export type SmsTab = (typeof SMS_TABS)[number]['key']

export function SmsTabs({ slug, active }: { slug: string; active: SmsTab }) {
  return (
    <nav aria-label="SMS" className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {SMS_TABS.map((t) => (
        <Link
          key={t.key}
          href={`/${slug}/sms?tab=${t.key}`}
          aria-current={t.key === active ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
            t.key === active
              ? 'border-brand-600 text-brand-700 dark:text-brand-100'
              : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400',
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  )
}
