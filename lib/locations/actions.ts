'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { failWith, ok, type Result } from '@/lib/result'
import { CreateLocationInput, CreateTeamInput, SetActiveInput, UpdateLocationInput, UpdateTeamInput } from './schema'

// Plain table writes under RLS (managers+, docs/tenancy.md §7). An update RLS refuses matches no
// row rather than erroring, so every write asks for the row back and treats "none" as refused.

const refresh = () => revalidatePath('/[org]', 'layout')

interface Written {
  data: { id: string }[] | null
  error: { code?: string; message?: string; details?: string | null } | null
}

function answer(what: 'location' | 'team', { data, error }: Written): Result<{ id: string }> {
  if (error?.code === '23505') {
    const message = `There is already a ${what} with that name`
    return failWith('CONFLICT', message, { fieldErrors: { name: [message] } })
  }
  if (error) return dbFail(error)
  if (!data?.length) return failWith('FORBIDDEN', `Only managers and above can change ${what}s.`)
  refresh()
  return ok(data[0])
}

export const createLocation = action(CreateLocationInput, async ({ orgId, ...fields }, { supabase }) =>
  answer(
    'location',
    await supabase
      .from('locations')
      .insert({ org_id: orgId, ...fields })
      .select('id'),
  ),
)

export const updateLocation = action(UpdateLocationInput, async ({ id, ...fields }, { supabase }) =>
  answer('location', await supabase.from('locations').update(fields).eq('id', id).select('id')),
)

export const setLocationActive = action(SetActiveInput, async ({ id, isActive }, { supabase }) =>
  answer('location', await supabase.from('locations').update({ is_active: isActive }).eq('id', id).select('id')),
)

export const createTeam = action(CreateTeamInput, async ({ orgId, ...fields }, { supabase }) =>
  answer(
    'team',
    await supabase
      .from('teams')
      .insert({ org_id: orgId, ...fields })
      .select('id'),
  ),
)

export const updateTeam = action(UpdateTeamInput, async ({ id, ...fields }, { supabase }) =>
  answer('team', await supabase.from('teams').update(fields).eq('id', id).select('id')),
)

export const setTeamActive = action(SetActiveInput, async ({ id, isActive }, { supabase }) =>
  answer('team', await supabase.from('teams').update({ is_active: isActive }).eq('id', id).select('id')),
)
