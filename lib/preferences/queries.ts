import { cache } from 'react'
import { currentClaims } from '@/lib/orgs/queries'
import { createClient } from '@/lib/supabase/server'
import { DEFAULT_PREFERENCES, fromRow, type SavePreferencesInput } from './schema'
import { type HtmlTheme, htmlThemeFor, schemeFromCookie } from './theme'

/**
 * The signed-in person's preferences for rendering. A plain read: the row is created by
 * get_my_preferences() when they open the preferences page, not on every page view.
 */
export const myPreferences = cache(async (): Promise<SavePreferencesInput | null> => {
  const claims = await currentClaims()
  if (!claims) return null
  const supabase = await createClient()
  const { data } = await supabase.from('user_preferences').select('*').eq('user_id', claims.sub).maybeSingle()
  return data ? fromRow(data) : DEFAULT_PREFERENCES
})

/** For app/layout.tsx: the person's theme, or (signed out) the scheme from the theme cookie. */
export async function htmlTheme(themeCookie: string | undefined): Promise<HtmlTheme> {
  const prefs = await myPreferences().catch(() => null)
  if (prefs) return htmlThemeFor(prefs)
  return htmlThemeFor({ colorScheme: schemeFromCookie(themeCookie), fontSize: 'medium' })
}
