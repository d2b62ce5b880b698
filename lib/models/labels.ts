import { Constants, type Database } from '@/types/database'

export type Wood = Database['public']['Enums']['wood_type']
export type Complexity = Database['public']['Enums']['model_complexity']

export const WOODS: readonly Wood[] = Constants.public.Enums.wood_type

export const COMPLEXITY_LABEL: Record<Complexity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
}

/** A swatch per wood for the catalogue and forms (approximate heartwood colours). */
export const WOOD_SWATCH: Record<Wood, string> = {
  Sapele: '#8b4a2b',
  Cherry: '#a65a3a',
  Walnut: '#5a3d2b',
  Cocobolo: '#9c3f1d',
  Ziricote: '#3b3029',
}
