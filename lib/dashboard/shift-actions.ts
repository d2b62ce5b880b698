'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { failWith, ok, type Result } from '@/lib/result'
import { ArchiveShiftInput, CreateShiftInput, UpdateShiftInput } from './shift-schema'

// Plain table writes under RLS (managers+). The trigger app.shifts_check refuses overlaps
// (SHIFT_OVERLAP, under starts_at) and taken codes (SHIFT_CODE_TAKEN, under code).

interface Written {
  data: { id: string }[] | null
  error: { code?: string; message?: string; details?: string | null; hint?: string | null } | null
}

function answer({ data, error }: Written): Result<{ id: string }> {
  if (error) return dbFail(error)
  if (!data?.length) return failWith('FORBIDDEN', 'Only managers and above can change shifts.')
  revalidatePath('/[org]', 'layout')
  return ok(data[0])
}

export const createShift = action(CreateShiftInput, async ({ orgId, ...fields }, { supabase }) =>
  answer(
    await supabase
      .from('shifts')
      .insert({ org_id: orgId, ...fields })
      .select('id'),
  ),
)

export const updateShift = action(UpdateShiftInput, async ({ id, ...fields }, { supabase }) =>
  answer(await supabase.from('shifts').update(fields).eq('id', id).select('id')),
)

export const archiveShift = action(ArchiveShiftInput, async ({ id, archived }, { supabase }) =>
  answer(
    await supabase
      .from('shifts')
      .update({ archived_at: archived ? new Date().toISOString() : null })
      .eq('id', id)
      .select('id'),
  ),
)
