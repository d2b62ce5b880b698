import type { ReactNode } from 'react'
import { Alert } from '@/components/common/alert'
import { AppHeader } from '@/components/org/app-header'
import { SystemAlertBanner } from '@/components/sync/system-alert-banner'
import { requireOrg } from '@/lib/orgs/queries'

/** Every workshop page: the org from the URL slug (404 when you are not a member) and the header. */
export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode
  params: Promise<{ org: string }>
}) {
  const ctx = await requireOrg((await params).org)
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader ctx={ctx} />
      <main className="mx-auto flex w-full min-w-0 max-w-6xl flex-1 flex-col gap-6 px-4 py-8 sm:px-6">
        {ctx.org.can_act && ctx.org.role !== 'operator' ? (
          // spec 02 system alerts ("sync conflicts waiting") to the roles they target, live
          <SystemAlertBanner orgId={ctx.org.org_id} role={ctx.org.role} slug={ctx.org.slug} />
        ) : null}
        {ctx.org.can_act ? null : (
          <Alert tone="warning">
            Operators work through a station tablet: PIN in there with your badge. Signed in here, you can change your
            preferences, but not see the workshop&apos;s data.
          </Alert>
        )}
        {children}
      </main>
    </div>
  )
}
