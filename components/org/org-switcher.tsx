'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { Menu, menuItemClass } from '@/components/common/menu'
import { ROLE_LABEL, type Role } from '@/lib/members/roles'

export interface OrgChoice {
  slug: string
  name: string
  role: Role
}

/** Same page in another organisation: /aurora/settings/members → /birch/settings/members. */
export function switchPath(pathname: string, from: string, to: string): string {
  const rest = pathname.slice(`/${from}`.length)
  // printable sheets and the station are per-org tools; land on their parent page
  return `/${to}${rest.startsWith('/settings/members/badges') ? '/settings/members' : rest}`
}

export function OrgSwitcher({ current, orgs }: { current: OrgChoice; orgs: OrgChoice[] }) {
  const pathname = usePathname()
  const label = (
    <span className="flex min-w-0 items-center gap-2">
      <span
        aria-hidden="true"
        className="grid size-6 shrink-0 place-items-center rounded-md bg-zinc-900 text-xs font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900"
      >
        {current.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="truncate">{current.name}</span>
    </span>
  )
  if (orgs.length < 2) return <div className="flex min-w-0 items-center px-2 text-sm font-medium">{label}</div>
  return (
    <Menu
      button={
        <>
          <span className="sr-only">Workshop: </span>
          {label}
          <span className="sr-only">. Switch workshop</span>
          <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4 text-zinc-400">
            <path
              d="M6 8l4-4 4 4M6 12l4 4 4-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinecap="round"
            />
          </svg>
        </>
      }
    >
      {(close) => (
        <nav aria-label="Your workshops">
          <p className="px-3 pt-2 pb-1 text-xs font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">
            Switch workshop
          </p>
          {orgs.map((o) => (
            <Link
              key={o.slug}
              href={switchPath(pathname, current.slug, o.slug)}
              onClick={close}
              aria-current={o.slug === current.slug ? 'page' : undefined}
              className={menuItemClass}
            >
              <span
                aria-hidden="true"
                className="grid size-7 shrink-0 place-items-center rounded-md bg-zinc-100 text-xs font-semibold dark:bg-zinc-800"
              >
                {o.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate font-medium">{o.name}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{ROLE_LABEL[o.role]}</span>
              </span>
              {o.slug === current.slug ? (
                <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4 text-brand-600">
                  <path d="M5 10.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
              ) : null}
            </Link>
          ))}
        </nav>
      )}
    </Menu>
  )
}
