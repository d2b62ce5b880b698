import { z } from 'zod'
import { Constants, type Database } from '@/types/database'

export type Preferences = Database['public']['Tables']['user_preferences']['Row']
export type ColorScheme = Database['public']['Enums']['color_scheme']
export type FontSize = Database['public']['Enums']['font_size']

export const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/

export const SavePreferencesInput = z.object({
  colorScheme: z.enum(Constants.public.Enums.color_scheme, { message: 'Pick light, dark or system' }),
  primaryColor: z.string().trim().regex(HEX_COLOR, 'Use a colour like #007AFF'),
  fontSize: z.enum(Constants.public.Enums.font_size, { message: 'Pick a text size' }),
  pushNotifications: z.boolean(),
  soundEnabled: z.boolean(),
  vibrationEnabled: z.boolean(),
})
export type SavePreferencesInput = z.input<typeof SavePreferencesInput>

/** The database defaults (user_preferences), used before a person has a row. */
export const DEFAULT_PREFERENCES: SavePreferencesInput = {
  colorScheme: 'system',
  primaryColor: '#007AFF',
  fontSize: 'medium',
  pushNotifications: true,
  soundEnabled: true,
  vibrationEnabled: true,
}

export function fromRow(row: Preferences): SavePreferencesInput {
  return {
    colorScheme: row.color_scheme,
    primaryColor: row.primary_color,
    fontSize: row.font_size,
    pushNotifications: row.push_notifications,
    soundEnabled: row.sound_enabled,
    vibrationEnabled: row.vibration_enabled,
  }
}

/** Mirrors the generated column user_preferences.font_scale. */
export const FONT_SCALE: Record<FontSize, number> = { small: 0.85, medium: 1, large: 1.15 }

/** Presets offered next to the free colour picker. */
export const PRESET_COLORS = ['#007AFF', '#4F46E5', '#0D9488', '#16A34A', '#D97706', '#DC2626', '#DB2777', '#52525B']
