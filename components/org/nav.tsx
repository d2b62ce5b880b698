'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/lib/cn'

export interface NavItem {
  href: string
  label: string
}

export function OrgNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname()
  return (
    <nav aria-label="Workshop" className="-mb-px flex gap-1 overflow-x-auto">
      {items.map((item, i) => {
        // the first item is the org home: active only on itself
        const active = i === 0 ? pathname === item.href : pathname.startsWith(item.href)
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'border-b-2 px-3 py-3 text-sm font-medium whitespace-nowrap transition-colors',
              active
                ? 'border-brand-600 text-zinc-900 dark:border-brand-500 dark:text-zinc-50'
                : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-700 dark:hover:text-zinc-100',
            )}
          >
            {item.label}
          </Link>
        )
      })}
    </nav>
  )
}
