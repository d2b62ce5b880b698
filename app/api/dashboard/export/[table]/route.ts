import { EXPORTS, isExportTable } from '@/lib/dashboard/exports'
import { failWith } from '@/lib/errors'
import { failure } from '@/lib/route'

// GET /api/dashboard/export/<days|shifts|operators|wip|late-orders>?<the overview's query> → CSV
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ table: string }> }) {
  const { table } = await context.params
  if (!isExportTable(table)) {
    return failure(failWith('NOT_FOUND', `No export "${table}": use days, shifts, operators, wip or late-orders`))
  }
  return EXPORTS[table](request)
}
