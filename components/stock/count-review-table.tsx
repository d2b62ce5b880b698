'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Pill } from '@/components/common/pill'
import { Button, Input } from '@/components/ui'
import { formatMoney, formatNumber } from '@/lib/format'
import { requestRecount, setReason } from '@/lib/stock/actions'
import type { ReviewLine } from '@/lib/stock/answers'

const q = (n: number | null) => (n === null ? '—' : formatNumber(n))

/**
 * The review of a count (supervisors+; a blind count only once in review): per line the snapshot,
 * the movements since, what was expected when it was counted, what was counted, the variance and
 * its value, and its reason. In review the supervisor gives reasons and asks for recounts.
 */
export function CountReviewTable({
  countId,
  lines,
  reasons,
  currency,
  editable,
}: {
  countId: string
  lines: ReviewLine[]
  reasons: { code: string; label: string }[]
  currency: string
  editable: boolean
}) {
  const router = useRouter()
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [why, setWhy] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [bulk, setBulk] = useState('miscount')
  const toggle = (id: string) =>
    setPicked((p) => {
      const n = new Set(p)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })
  const reason = async (lineId: string | null, code: string) => {
    setError(null)
    const r = await setReason({ countId, lineId, reasonCode: code })
    if (!r.ok) setError(r.message)
    router.refresh()
  }
  const recount = async () => {
    setError(null)
    const r = await requestRecount({ countId, lineIds: [...picked], reason: why })
    if (!r.ok) return setError(r.fieldErrors?.reason?.[0] ?? r.fieldErrors?.lineIds?.[0] ?? r.message)
    setPicked(new Set())
    setWhy('')
    router.refresh()
  }
  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {editable ? (
        <div className="flex flex-wrap items-end gap-2">
          <label htmlFor="recount-why" className="flex flex-col text-sm">
            Recount the chosen lines because
            <Input
              id="recount-why"
              value={why}
              onChange={(e) => setWhy(e.target.value)}
              placeholder="Two boxes found"
            />
          </label>
          <Button variant="secondary" disabled={!picked.size} onClick={() => void recount()}>
            Ask for a recount ({picked.size})
          </Button>
          <label htmlFor="bulk-reason" className="ml-auto flex flex-col text-sm">
            Lines still without a reason
            <select
              id="bulk-reason"
              value={bulk}
              onChange={(e) => setBulk(e.target.value)}
              className="h-10 rounded-md border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {reasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" onClick={() => void reason(null, bulk)}>
            Set reason
          </Button>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Count lines with variances</caption>
          <thead>
            <tr className="border-b border-zinc-200 text-left dark:border-zinc-800">
              {editable ? <th scope="col">Recount</th> : null}
              <th scope="col">Item</th>
              <th scope="col">Location</th>
              <th scope="col" className="text-right">
                Snapshot
              </th>
              <th scope="col" className="text-right">
                Moved since
              </th>
              <th scope="col" className="text-right">
                Expected at count
              </th>
              <th scope="col" className="text-right">
                Counted
              </th>
              <th scope="col" className="text-right">
                Variance
              </th>
              <th scope="col" className="text-right">
                Value
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Counted by</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-b border-zinc-100 dark:border-zinc-900">
                {editable ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Recount ${l.code} at ${l.location}`}
                      checked={picked.has(l.id)}
                      onChange={() => toggle(l.id)}
                    />
                  </td>
                ) : null}
                <td>
                  <span className="font-mono">{l.code}</span> {l.name}
                  {l.recount_round > 0 ? (
                    <Pill tone="amber" className="ml-1">
                      Recount {l.recount_round}
                    </Pill>
                  ) : null}
                  {l.added_at ? (
                    <Pill tone="brand" className="ml-1">
                      Added on the floor{l.added_by_name ? ` by ${l.added_by_name}` : ''}
                    </Pill>
                  ) : null}
                </td>
                <td>{l.location}</td>
                <td className="text-right tabular-nums">{q(l.expected_qty)}</td>
                <td className="text-right tabular-nums">{q(l.movement_qty)}</td>
                <td className="text-right tabular-nums">{q(l.expected_at_count)}</td>
                <td className="text-right tabular-nums">
                  {l.status === 'recount' ? <Pill tone="amber">To recount</Pill> : `${q(l.counted_qty)} ${l.unit}`}
                </td>
                <td
                  className={`text-right tabular-nums ${l.variance_qty && l.variance_qty < 0 ? 'text-red-700 dark:text-red-300' : ''}`}
                >
                  {q(l.variance_qty)}
                </td>
                <td className="text-right tabular-nums">
                  {l.variance_value === null ? '—' : formatMoney(l.variance_value, currency)}
                </td>
                <td>
                  {l.variance_qty ? (
                    editable ? (
                      <select
                        aria-label={`Reason for ${l.code} at ${l.location}`}
                        value={l.reason_code ?? ''}
                        onChange={(e) => void reason(l.id, e.target.value)}
                        className="h-9 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
                      >
                        <option value="">Choose…</option>
                        {reasons.map((r) => (
                          <option key={r.code} value={r.code}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      (reasons.find((r) => r.code === l.reason_code)?.label ?? l.reason_code ?? '—')
                    )
                  ) : null}
                </td>
                <td>{l.counted_by_name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
