'use client'
import Link from 'next/link'
import { Menu, menuItemClass } from '@/components/common/menu'
import { signOut } from '@/lib/auth/actions'

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?'
}

export function UserMenu({
  name,
  email,
  roleLabel,
  slug,
}: {
  name: string
  email: string
  roleLabel: string
  slug: string
}) {
  return (
    <Menu
      align="end"
      button={
        <>
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-on-brand dark:bg-brand-500"
          >
            {initials(name)}
          </span>
          <span className="sr-only">Account: {name}</span>
        </>
      }
    >
      {(close) => (
        <>
          <div className="border-b border-zinc-100 px-3 py-2.5 dark:border-zinc-800">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{email}</p>
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{roleLabel}</p>
          </div>
          <div className="pt-1">
            <Link href={`/${slug}/me/preferences`} onClick={close} className={menuItemClass}>
              Preferences
            </Link>
            <Link href="/" onClick={close} className={menuItemClass}>
              All workshops
            </Link>
            <form action={signOut}>
              <button type="submit" className={menuItemClass}>
                Sign out
              </button>
            </form>
          </div>
        </>
      )}
    </Menu>
  )
}
