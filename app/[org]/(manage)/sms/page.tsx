import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { ComposeForm } from '@/components/sms/compose-form'
import { MessageLog } from '@/components/sms/message-log'
import { MonthlyCostTable } from '@/components/sms/monthly-costs'
import { OptOutList } from '@/components/sms/opt-outs'
import { SettingsForm } from '@/components/sms/settings-form'
import { SMS_TABS, type SmsTab, SmsTabs } from '@/components/sms/sms-tabs'
import { TemplateEditor } from '@/components/sms/template-editor'
import { WebhookUrlsCard } from '@/components/sms/webhook-urls'
import { Button, buttonClasses, Input } from '@/components/ui'
import { requireOrg } from '@/lib/orgs/queries'
import {
  type LogFilter,
  smsCustomers,
  smsLog,
  smsMonthlyCosts,
  smsOptOuts,
  smsSettings,
  smsTemplates,
  smsWebhookUrls,
} from '@/lib/sms/queries'
import { Constants } from '@/types/database'

export const metadata = { title: 'Texts' }

type Search = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

/** /[org]/sms (managers+): compose, templates, the live message log, providers and settings (docs/sms.md). */
export default async function SmsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Search>
}) {
  const { org: slug } = await params
  const sp = await searchParams
  const { org } = await requireOrg(slug)
  if (!['manager', 'admin', 'owner'].includes(org.role) || !org.can_act) {
    return (
      <>
        <PageHeader title="Texts" />
        <Alert tone="warning">Texts to customers are for managers and above.</Alert>
      </>
    )
  }
  const tab = (SMS_TABS.find((t) => t.key === one(sp.tab))?.key ?? 'compose') as SmsTab
  const settings = await smsSettings(org.org_id)
  return (
    <>
      <PageHeader
        title="Texts"
        description="SMS to customers through the workshop's providers, with failover and delivery reports."
      />
      {settings && !settings.enabled ? (
        <Alert tone="warning">
          Texts are switched off for this workshop: turn them on under Providers &amp; settings.
        </Alert>
      ) : null}
      <SmsTabs slug={slug} active={tab} />
      {tab === 'compose' ? (
        <ComposeForm
          orgId={org.org_id}
          slug={slug}
          customers={await smsCustomers(org.org_id)}
          templates={await smsTemplates(org.org_id)}
        />
      ) : null}
      {tab === 'templates' ? <TemplateEditor orgId={org.org_id} templates={await smsTemplates(org.org_id)} /> : null}
      {tab === 'log' ? <LogTab orgId={org.org_id} sp={sp} /> : null}
      {tab === 'optouts' ? <OptOutList orgId={org.org_id} optOuts={await smsOptOuts(org.org_id)} /> : null}
      {tab === 'costs' ? (
        <section aria-labelledby="sms-costs-heading" className="flex flex-col gap-2">
          <h2 id="sms-costs-heading" className="text-base font-semibold">
            Monthly cost by provider
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every text that reached a provider, at the price it reported, by month in the workshop&apos;s time zone.
          </p>
          <MonthlyCostTable rows={await smsMonthlyCosts(org.org_id)} />
        </section>
      ) : null}
      {tab === 'settings' && settings ? (
        <SettingsForm settings={settings} canAdmin={org.role === 'admin' || org.role === 'owner'} />
      ) : null}
      {tab === 'settings' && (org.role === 'admin' || org.role === 'owner') ? (
        <WebhookUrlsCard urls={await smsWebhookUrls(org.org_id)} />
      ) : null}
    </>
  )
}

async function LogTab({ orgId, sp }: { orgId: string; sp: Search }) {
  const status = Constants.public.Enums.sms_status.find((s) => s === one(sp.status))
  const provider = Constants.public.Enums.sms_provider.find((p) => p === one(sp.provider))
  const date = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined)
  const from = date(one(sp.from))
  const to = date(one(sp.to))
  const filter: LogFilter = {
    status,
    provider,
    from,
    to: to ? new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10) : undefined,
    q: one(sp.q)?.slice(0, 60),
    page: Math.max(1, Math.floor(Number(one(sp.page)) || 1)),
  }
  const { messages, more } = await smsLog(orgId, filter)
  const page = filter.page ?? 1
  const pageHref = (n: number) => {
    const next = new URLSearchParams({ tab: 'log' })
    for (const [k, v] of Object.entries({ status, provider, from, to, q: filter.q })) if (v) next.set(k, v)
    if (n > 1) next.set('page', String(n))
    return `?${next.toString()}`
  }
  return (
    <div className="flex flex-col gap-4">
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter texts">
        <input type="hidden" name="tab" value="log" />
        <label className="flex flex-col text-xs">
          Status
          <select name="status" defaultValue={status ?? ''} className="h-9 rounded-md border px-2 text-sm">
            <option value="">Any</option>
            {Constants.public.Enums.sms_status.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Provider
          <select name="provider" defaultValue={provider ?? ''} className="h-9 rounded-md border px-2 text-sm">
            <option value="">Any</option>
            {Constants.public.Enums.sms_provider.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label htmlFor="sms-filter-from" className="flex flex-col text-xs">
          From
          <Input id="sms-filter-from" type="date" name="from" defaultValue={from} />
        </label>
        <label htmlFor="sms-filter-to" className="flex flex-col text-xs">
          To
          <Input id="sms-filter-to" type="date" name="to" defaultValue={to} />
        </label>
        <label htmlFor="sms-filter-q" className="flex flex-col text-xs">
          Search
          <Input
            id="sms-filter-q"
            type="search"
            name="q"
            defaultValue={filter.q}
            placeholder="Number, name or words"
            maxLength={60}
          />
        </label>
        <Button type="submit" variant="secondary" size="sm">
          Filter
        </Button>
      </form>
      <MessageLog orgId={orgId} messages={messages} />
      {page > 1 || more ? (
        <nav aria-label="Pages of texts" className="flex items-center gap-3 text-sm">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              Newer
            </Link>
          ) : null}
          <span className="text-zinc-600 dark:text-zinc-400">Page {page}</span>
          {more ? (
            <Link href={pageHref(page + 1)} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  )
}
