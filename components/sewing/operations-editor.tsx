'use client'
import { useState } from 'react'
import { Dialog } from '@/components/common/dialog'
import { EmptyState } from '@/components/common/empty-state'
import { Pill } from '@/components/common/pill'
import { Button, Card } from '@/components/ui'
import { formatDateTime, formatMoney, formatNumber } from '@/lib/format'
import { enumWords } from '@/lib/sewing/operation-schema'
import type { RateRow, SewingOperationRow } from '@/lib/sewing/queries'
import { OperationForm } from './operation-form'

interface DefectCode {
  code: string
  label: string
}

const defectsOf = (v: unknown): DefectCode[] =>
  Array.isArray(v)
    ? v.filter(
        (d): d is DefectCode => typeof d === 'object' && d !== null && typeof (d as DefectCode).code === 'string',
      )
    : []

/**
 * The operations of one product type in sequence, each with its rate history, and the add / edit
 * form in a dialog. Saving goes through saveSewingOperation (the database checks the dependencies).
 */
export function OperationsEditor({
  orgId,
  type,
  operations,
  rates,
  currency,
  timeZone,
}: {
  orgId: string
  type: { id: string; code: string; name: string }
  operations: SewingOperationRow[]
  rates: RateRow[]
  currency: string
  timeZone: string
}) {
  const [editing, setEditing] = useState<SewingOperationRow | 'new' | null>(null)
  const byId = new Map(operations.map((o) => [o.id, o]))
  const nextSequence = Math.min(999, Math.max(0, ...operations.map((o) => o.sequence_number)) + 1)
  return (
    <section aria-labelledby="ops-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="ops-heading" className="text-lg font-semibold">
          {type.code} operations in sequence
        </h2>
        <Button onClick={() => setEditing('new')}>Add operation</Button>
      </div>
      {operations.length === 0 ? (
        <EmptyState title={`No operations for ${type.code} yet`}>
          Add the operations a {type.name.toLowerCase()} is sewn in, with their standard minutes and piece rates.
        </EmptyState>
      ) : (
        <ol className="flex flex-col gap-2" aria-label={`${type.code} operations`}>
          {operations.map((o) => {
            const history = rates.filter((r) => r.operation_id === o.id)
            const defects = defectsOf(o.defect_codes)
            const deps = o.depends_on.map((d) => byId.get(d)?.name).filter(Boolean)
            return (
              <li key={o.id} data-testid="operation" data-operation={o.name}>
                <Card className="flex flex-col gap-2 p-4">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="font-semibold">
                          {o.sequence_number}. {o.name}
                        </span>
                        {o.is_active ? null : <Pill>Archived</Pill>}
                        {o.has_qc_checkpoint ? <Pill tone="brand">QC checkpoint</Pill> : null}
                      </p>
                      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
                        SMV {formatNumber(Number(o.standard_minutes))} min ·{' '}
                        {formatMoney(Number(o.piece_rate), currency)} a piece ·{' '}
                        {o.machine_type ? enumWords(o.machine_type) : 'any machine'} ·{' '}
                        {enumWords(o.skill_level).toLowerCase()}
                      </p>
                      <p className="text-sm text-zinc-600 dark:text-zinc-400">
                        {deps.length ? `Waits for ${deps.join(', ')}` : 'Starts a bundle (depends on nothing)'}
                        {defects.length ? ` · defects: ${defects.map((d) => d.label).join(', ')}` : ''}
                      </p>
                    </div>
                    <Button variant="secondary" size="sm" onClick={() => setEditing(o)} aria-label={`Edit ${o.name}`}>
                      Edit
                    </Button>
                  </div>
                  {history.length ? (
                    <details className="text-sm">
                      <summary className="cursor-pointer rounded font-medium text-zinc-700 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-zinc-300">
                        Rate history ({history.length})
                      </summary>
                      <table className="mt-2 w-full max-w-xl text-sm" data-testid="rate-history">
                        <thead className="text-left text-xs text-zinc-600 dark:text-zinc-400">
                          <tr>
                            <th scope="col" className="py-1 pr-3">
                              From
                            </th>
                            <th scope="col" className="py-1 pr-3 text-right">
                              Piece rate
                            </th>
                            <th scope="col" className="py-1 pr-3 text-right">
                              SMV
                            </th>
                            <th scope="col" className="py-1">
                              Changed by
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {history.map((r, i) => (
                            <tr key={r.id} className="border-t border-zinc-100 dark:border-zinc-800">
                              <td className="py-1 pr-3 whitespace-nowrap">
                                {formatDateTime(r.effective_from, timeZone)}
                                {i === 0 ? ' (in force)' : ''}
                              </td>
                              <td className="py-1 pr-3 text-right tabular-nums">
                                {formatMoney(Number(r.piece_rate), currency)}
                              </td>
                              <td className="py-1 pr-3 text-right tabular-nums">
                                {formatNumber(Number(r.standard_minutes))}
                              </td>
                              <td className="py-1">{r.changed_by_name ?? '—'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </details>
                  ) : null}
                </Card>
              </li>
            )
          })}
        </ol>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? `Add a ${type.code} operation` : editing ? `Edit ${editing.name}` : ''}
        description="A changed piece rate or SMV applies from now on; work already done keeps the rate it was done at."
        className="w-[min(44rem,calc(100vw-2rem))]"
      >
        {editing ? (
          <OperationForm
            key={editing === 'new' ? 'new' : editing.id}
            orgId={orgId}
            productTypeId={type.id}
            operation={editing === 'new' ? null : { ...editing, defect_codes: defectsOf(editing.defect_codes) }}
            others={operations.filter((o) => editing === 'new' || o.id !== editing.id)}
            nextSequence={nextSequence}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </section>
  )
}
