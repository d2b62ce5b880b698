'use server'
import { revalidatePath } from 'next/cache'
import { cookies } from 'next/headers'
import { action, dbFail } from '@/lib/actions'
import { failWith, ok } from '@/lib/result'
import { fromRow, SavePreferencesInput } from './schema'

const FIELDS = { primary_color: 'primaryColor' }

/** Saves the signed-in person's own row (RLS: own row only) and re-renders every page with it. */
export const savePreferences = action(SavePreferencesInput, async (input, { supabase, userId }) => {
  // first use: get_my_preferences() creates the row with defaults
  const { error: readError } = await supabase.rpc('get_my_preferences').single()
  if (readError) return dbFail(readError)
  const { data, error } = await supabase
    .from('user_preferences')
    .update({
      color_scheme: input.colorScheme,
      primary_color: input.primaryColor,
      font_size: input.fontSize,
      push_notifications: input.pushNotifications,
      sound_enabled: input.soundEnabled,
      vibration_enabled: input.vibrationEnabled,
    })
    .eq('user_id', userId)
    .select('*')
    .maybeSingle()
  if (error) return dbFail(error, FIELDS)
  if (!data)
    return failWith('NOT_FOUND', 'Your preferences could not be found. Reload the page and try again.')
    // keep the scheme for this browser's signed-out pages (login) too
  ;(await cookies()).set('floorline-theme', input.colorScheme, {
    path: '/',
    sameSite: 'lax',
    maxAge: 60 * 60 * 24 * 365,
  })
  revalidatePath('/', 'layout')
  return ok(fromRow(data))
})
