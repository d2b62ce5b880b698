import { PageHeader } from '@/components/common/page-header'
import { PreferencesForm } from '@/components/preferences/preferences-form'
import { requireOrg } from '@/lib/orgs/queries'
import { fromRow } from '@/lib/preferences/schema'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Preferences' }

export default async function PreferencesPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrg((await params).org)
  const supabase = await createClient()
  // creates the person's row with the defaults on first use
  const { data, error } = await supabase.rpc('get_my_preferences').single()
  if (error || !data) throw new Error(`get_my_preferences: ${error?.message ?? 'no row'}`)
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title="Preferences" description="How Floorline looks and behaves for you, everywhere you sign in." />
      <PreferencesForm initial={fromRow(data)} />
    </div>
  )
}
