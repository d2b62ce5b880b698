import { PageHeader } from '@/components/common/page-header'
import { PhoneForm } from '@/components/preferences/phone-form'
import { PreferencesForm } from '@/components/preferences/preferences-form'
import { requireOrg } from '@/lib/orgs/queries'
import { fromRow } from '@/lib/preferences/schema'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Preferences' }

export default async function PreferencesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  const supabase = await createClient()
  // creates the person's row with the defaults on first use
  const [prefs, me] = await Promise.all([supabase.rpc('get_my_preferences').single(), supabase.auth.getUser()])
  const { data, error } = prefs
  if (error || !data) throw new Error(`get_my_preferences: ${error?.message ?? 'no row'}`)
  // Supabase Auth keeps the phone as digits; only a confirmed one counts for a reset by text
  const user = me.data.user
  const phone = user?.phone && user.phone_confirmed_at ? user.phone : null
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title="Preferences" description="How Floorline looks and behaves for you, everywhere you sign in." />
      <PreferencesForm initial={fromRow(data)} />
      <PhoneForm orgId={org.org_id} phone={phone} />
    </div>
  )
}
