'use client'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Pill } from '@/components/common/pill'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { Button, Input } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { formatNumber, formatTime } from '@/lib/format'
import { orgTopic } from '@/lib/realtime/topics'
import type { CountSheet, SheetLine } from '@/lib/stock/answers'
import { binRef, parseStockScan } from '@/lib/stock/labels'
import { lockLine, takeTheirs } from '@/lib/stock/tablet-actions'
import { CountAddLine, type PickItem, type PickLocation } from './count-add-line'
import { CountKeypad, type KeypadKey, pressKey } from './count-keypad'
import { useCountQueue } from './use-count-queue'
import { useCountSheet } from './use-count-sheet'

const RENEW_MS = 5 * 60_000

/**
 * /[org]/count/[id] on a tablet: scan an item's label (or pick its line), key in the quantity on the
 * pad, next. Every entry goes into the device's sync queue first, so counting carries on with the
 * network off; the header says what is waiting. Opening a line takes its lock (another counter sees
 * who has it); the database refuses what the rules refuse (blind counts never send expected
 * quantities here, a recount by its first counter, a closed count).
 *
 * Offline (docs/stock.md "Counting offline"): the page opens from the service worker's copy, the
 * sheet from IndexedDB (the newer of the two), entries wait in the queue, and a line's lock cannot be
 * taken: the screen says so, and takes it when the connection is back. "Take theirs" needs the
 * connection (it changes the server's line); "keep mine" just waits in the queue.
 */
export function CountTablet({
  org,
  sheet: served,
  readAt: servedAt,
  owner,
  items,
  locations,
}: {
  org: { id: string; slug: string; timeZone: string }
  sheet: CountSheet
  /** when the server read the sheet (ISO) */
  readAt: string
  owner: string
  /** what may be added as a line (stock found with no line): the items and locations in the count's scope */
  items: PickItem[]
  locations: PickLocation[]
}) {
  const router = useRouter()
  const reread = useCallback(() => {
    if (navigator.onLine) router.refresh()
  }, [router])
  const queue = useCountQueue(owner, reread)
  useLiveTopic(orgTopic(org.id, 'counts'), reread, { debounceMs: 800 })
  const { sheet, readAt } = useCountSheet(owner, served, servedAt)
  const { count, me } = sheet
  // lines added on this tablet and not yet on the server's sheet: from their queued count_add_line
  const lines = useMemo(() => {
    const known = new Set(sheet.lines.map((l) => l.id))
    const added: SheetLine[] = []
    for (const e of queue.entries) {
      // kept until the server's sheet has it (a synced add shows until the sheet is read again)
      if (e.operation !== 'count_add_line' || known.has(e.id)) continue
      const p = e.payload as Record<string, string>
      added.push({
        id: e.id,
        status: 'pending',
        counted_qty: null,
        counted_by: null,
        counted_by_name: null,
        counted_at: null,
        recount_round: 0,
        recount_excluded_member: null,
        latest_entry_id: null,
        added_at: e.created_at,
        stock_item_id: p.stock_item_id,
        code: p.code,
        barcode: null,
        name: p.name,
        category: '',
        unit: p.unit,
        location_id: p.location_id,
        location: p.location,
        lock: null,
      })
    }
    return added.length ? [...sheet.lines, ...added] : sheet.lines
  }, [sheet.lines, queue.entries])
  const open = count.status === 'in_progress'
  // lines the server has (a line added here has no lock to take until its add has synced)
  const serverIds = useRef(new Set<string>())
  serverIds.current = new Set(sheet.lines.map((l) => l.id))

  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [method, setMethod] = useState<'scan' | 'pick'>('pick')
  const [value, setValue] = useState('')
  const [lockError, setLockError] = useState<string | null>(null)
  // the selected line's lock could not be taken for want of a connection
  const [lockOffline, setLockOffline] = useState(false)
  const [resolveError, setResolveError] = useState<string | null>(null)
  const [scan, setScan] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  // a scanned bin label narrows the list to that location
  const [bin, setBin] = useState<string | null>(null)
  const selected = lines.find((l) => l.id === selectedId) ?? null

  // what this tablet holds for each line, newest first: shown until the server has it
  const onTablet = useMemo(() => {
    const m = new Map<string, { status: string; quantity: unknown }>()
    for (const e of queue.entries) {
      if (e.status === 'synced') continue
      m.set(String(e.payload.item_id), { status: e.status, quantity: e.payload.quantity })
    }
    return m
  }, [queue.entries])
  const conflicts = queue.entries.filter(
    (e) => e.status === 'conflict' || (e.status === 'failed' && e.error?.kind === 'refused'),
  )

  const take = useCallback(
    async (line: SheetLine) => {
      setLockError(null)
      setLockOffline(false)
      // the first counter of a line to recount leaves it (and its lock) to someone else
      if (!open || (line.status === 'recount' && line.recount_excluded_member === me)) return
      if (!serverIds.current.has(line.id)) return
      if (!navigator.onLine) {
        setLockOffline(true)
        return
      }
      try {
        const r = await lockLine({ countId: count.id, lineId: line.id, release: false })
        setLockOffline(false)
        if (!r.ok) setLockError(r.message)
      } catch {
        // no answer (the connection dropped): the entry still waits in the queue
        setLockOffline(true)
      }
    },
    [count.id, open, me],
  )
  const release = useCallback(
    (line: SheetLine) => {
      if (navigator.onLine && serverIds.current.has(line.id))
        lockLine({ countId: count.id, lineId: line.id, release: true }).catch(() => undefined)
    },
    [count.id],
  )

  const choose = useCallback(
    (line: SheetLine, how: 'scan' | 'pick') => {
      if (selected && selected.id !== line.id) release(selected)
      setSelectedId(line.id)
      setMethod(how)
      setValue('')
      setNotice(null)
      void take(line)
    },
    [selected, take, release],
  )

  // renewed while the line stays open (a lock lapses after 15 minutes), and taken when the connection is back
  const selectedRef = useRef(selected)
  selectedRef.current = selected
  useEffect(() => {
    const renew = () => selectedRef.current && void take(selectedRef.current)
    const t = setInterval(renew, RENEW_MS)
    window.addEventListener('online', renew)
    return () => {
      clearInterval(t)
      window.removeEventListener('online', renew)
    }
  }, [take])

  const nextAfter = (line: SheetLine) => {
    const i = lines.findIndex((l) => l.id === line.id)
    const rest = [...lines.slice(i + 1), ...lines.slice(0, i)]
    return rest.find((l) => l.status !== 'counted' && !onTablet.has(l.id)) ?? null
  }

  const save = async () => {
    if (!selected || value === '') return
    const quantity = Number(value)
    await queue.add({
      id: newClientId(),
      payload: {
        count_id: count.id,
        item_id: selected.id,
        quantity,
        method,
        entered_at: new Date().toISOString(),
        seen_entry_id: selected.latest_entry_id,
        force: false,
      },
      label: `${selected.code} at ${selected.location}: ${formatNumber(quantity)} ${selected.unit}`,
    })
    setNotice(
      `${selected.code}: ${formatNumber(quantity)} ${selected.unit} saved${navigator.onLine ? '' : ' on this tablet'}`,
    )
    const next = nextAfter(selected)
    if (next) choose(next, 'pick')
    else {
      release(selected)
      setSelectedId(null)
    }
  }

  const addLine = async (item: PickItem, location: PickLocation) => {
    const id = newClientId()
    await queue.add({
      id,
      operation: 'count_add_line',
      payload: {
        count_id: count.id,
        item_id: id,
        stock_item_id: item.id,
        location_id: location.id,
        code: item.code,
        name: item.name,
        unit: item.unit,
        location: location.name,
      },
      label: `Add ${item.code} at ${location.name}`,
    })
    setSelectedId(id)
    setMethod('pick')
    setValue('')
    setNotice(`${item.code} at ${location.name} added to the count: enter what you found`)
  }

  const onScan = (e: React.FormEvent) => {
    e.preventDefault()
    const read = parseStockScan(scan)
    setScan('')
    if (read.kind === 'text' && !read.text) return
    if (read.kind === 'bin') {
      const here = lines.filter((l) => binRef(l.location_id) === read.ref)
      setBin(here.length ? read.ref : null)
      setNotice(here.length ? `Showing ${here[0].location}` : 'That bin has nothing on this count')
      return
    }
    const code = read.kind === 'item' ? read.code : read.text
    const hits = lines.filter(
      (l) => (l.barcode === code || l.code === code.toUpperCase()) && (!bin || binRef(l.location_id) === bin),
    )
    // one location first: the line not yet counted, else the first
    const hit = hits.find((l) => l.status !== 'counted') ?? hits[0]
    if (hit) choose(hit, 'scan')
    else setNotice(`${code} is not on this count${bin ? ' here' : ''}`)
  }

  // a hardware keyboard types on the pad too
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!selected || (e.target as HTMLElement | null)?.tagName === 'INPUT') return
      const key: KeypadKey | null = /^[0-9.]$/.test(e.key)
        ? (e.key as KeypadKey)
        : e.key === 'Backspace'
          ? 'back'
          : null
      if (key) setValue((v) => pressKey(v, key))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selected])

  const counted = lines.filter((l) => l.status === 'counted').length
  const recountBlocked = selected?.status === 'recount' && selected.recount_excluded_member === me
  const lockedByOther = selected?.lock && !selected.lock.mine ? selected.lock : null

  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">
          Count {count.count_number}: {count.title}
        </h1>
        <Pill tone={count.mode === 'blind' ? 'brand' : 'neutral'}>{count.mode === 'blind' ? 'Blind' : 'Guided'}</Pill>
        <Pill tone={open ? 'green' : 'amber'}>{count.status.replace('_', ' ')}</Pill>
        <span className="text-sm">
          {counted} of {lines.length} counted
        </span>
        <span className="ml-auto flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
          <Pill tone={queue.online ? 'green' : 'amber'}>{queue.online ? 'Online' : 'Offline'}</Pill>
          {queue.summary.waiting ? (
            <Pill tone="amber">{queue.summary.waiting} waiting to sync</Pill>
          ) : (
            <span>All synced</span>
          )}
          {queue.summary.needPerson ? <Pill tone="red">{queue.summary.needPerson} need you</Pill> : null}
          {queue.summary.lastSyncedAt ? (
            <span className="text-zinc-600 dark:text-zinc-400">
              Last sync {formatTime(queue.summary.lastSyncedAt, org.timeZone)}
            </span>
          ) : null}
          <span className="text-zinc-600 dark:text-zinc-400" data-testid="sheet-age">
            Sheet from {formatTime(readAt, org.timeZone)}
          </span>
        </span>
      </header>

      {!open ? (
        <Alert tone="warning">
          This count is {count.status.replace('_', ' ')}: entries are closed.
          {queue.summary.waiting ? ' What is waiting on this tablet will be refused when it syncs.' : ''}
        </Alert>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {resolveError ? <Alert tone="error">{resolveError}</Alert> : null}

      {conflicts.length ? (
        <section
          aria-labelledby="conflicts-title"
          className="rounded-lg border border-red-200 p-3 dark:border-red-500/30"
        >
          <h2 id="conflicts-title" className="font-semibold">
            Needs you
          </h2>
          <ul className="mt-2 flex flex-col gap-2">
            {conflicts.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{e.label}</span>
                <span>{e.error?.message}</span>
                {e.status === 'conflict' ? (
                  <>
                    <Button size="sm" onClick={() => void queue.keepMine(e.id)}>
                      Keep mine
                    </Button>
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={async () => {
                        if (!window.confirm('Drop your count of this line and keep the other one?')) return
                        setResolveError(null)
                        const r = await takeTheirs({ countId: count.id, lineId: String(e.payload.item_id) }).catch(
                          () => null,
                        )
                        if (!r) {
                          setResolveError(
                            'No connection: "Take theirs" needs the server. Your entry stays on the tablet.',
                          )
                          return
                        }
                        if (!r.ok) {
                          setResolveError(r.message)
                          return
                        }
                        await queue.discard(e.id)
                        reread()
                      }}
                    >
                      Take theirs
                    </Button>
                  </>
                ) : (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={async () => {
                      if (window.confirm('Remove this entry from the tablet?')) await queue.discard(e.id)
                    }}
                  >
                    Discard
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="lines-title" className="flex min-w-0 flex-col gap-3">
          <h2 id="lines-title" className="sr-only">
            Lines to count
          </h2>
          <form onSubmit={onScan} className="flex gap-2" aria-label="Scan an item">
            <label htmlFor="count-scan" className="sr-only">
              Scan or type an item code
            </label>
            <Input
              id="count-scan"
              value={scan}
              onChange={(e) => setScan(e.target.value)}
              placeholder="Scan or type an item code"
              autoComplete="off"
              className="h-12 text-lg"
            />
            <Button type="submit" size="touch" variant="secondary">
              Open
            </Button>
          </form>
          {bin ? (
            <Button variant="ghost" size="sm" onClick={() => setBin(null)}>
              Show every location
            </Button>
          ) : null}
          <ul className="flex flex-col gap-1">
            {lines
              .filter((l) => !bin || binRef(l.location_id) === bin)
              .map((l) => {
                const local = onTablet.get(l.id)
                return (
                  <li key={l.id}>
                    <button
                      type="button"
                      onClick={() => choose(l, 'pick')}
                      aria-current={l.id === selectedId ? 'true' : undefined}
                      className="flex min-h-12 w-full flex-wrap items-center gap-2 rounded-lg border border-zinc-200 px-3 py-2 text-left hover:bg-zinc-50 aria-[current=true]:border-brand-600 aria-[current=true]:bg-brand-50 dark:border-zinc-800 dark:hover:bg-zinc-900 dark:aria-[current=true]:bg-brand-500/15"
                    >
                      <span className="font-mono font-medium">{l.code}</span>
                      <span className="min-w-0 flex-1 truncate">{l.name}</span>
                      <span className="text-sm text-zinc-600 dark:text-zinc-400">{l.location}</span>
                      {local ? (
                        <Pill tone={local.status === 'conflict' ? 'red' : 'amber'}>
                          {local.status === 'conflict' ? 'Conflict' : 'On tablet'}
                        </Pill>
                      ) : l.status === 'counted' ? (
                        <Pill tone="green">
                          {formatNumber(Number(l.counted_qty))} {l.unit}
                        </Pill>
                      ) : l.status === 'recount' ? (
                        <Pill tone="amber">Recount</Pill>
                      ) : (
                        <Pill>To count</Pill>
                      )}
                      {l.added_at ? <Pill tone="brand">Added</Pill> : null}
                      {l.lock && !l.lock.mine ? <Pill tone="red">{l.lock.holder ?? 'Someone'} is counting</Pill> : null}
                    </button>
                  </li>
                )
              })}
          </ul>
          {open ? (
            <CountAddLine
              items={items}
              locations={locations}
              taken={new Set(lines.map((l) => `${l.stock_item_id}:${l.location_id}`))}
              disabled={!open}
              onAdd={(item, location) => void addLine(item, location)}
            />
          ) : null}
        </section>

        <section aria-labelledby="entry-title" className="flex flex-col gap-3 md:sticky md:top-4 md:self-start">
          {selected ? (
            <>
              <h2 id="entry-title" className="text-lg font-semibold">
                <span className="font-mono">{selected.code}</span> {selected.name}
              </h2>
              <p className="text-sm">
                {selected.location} · counted in {selected.unit}
                {selected.expected_qty != null ? ` · expected ${formatNumber(Number(selected.expected_qty))}` : ''}
              </p>
              {lockError ? <Alert tone="error">{lockError}</Alert> : null}
              {lockOffline && !lockError ? (
                <Alert tone="warning">
                  Offline: this line is not locked for other counters. Your count waits on the tablet and is checked
                  against theirs when it syncs.
                </Alert>
              ) : null}
              {lockedByOther && !lockError ? (
                <Alert tone="warning">
                  {lockedByOther.holder ?? 'Someone'} is counting this until{' '}
                  {formatTime(lockedByOther.expires_at, org.timeZone)}.
                </Alert>
              ) : null}
              {recountBlocked ? (
                <Alert tone="warning">You counted this line before: someone else does the recount.</Alert>
              ) : null}
              <CountKeypad value={value} unit={selected.unit} onChange={setValue} disabled={!open || recountBlocked} />
              <Button
                size="touch"
                className="h-16 text-xl"
                disabled={!open || value === '' || recountBlocked}
                onClick={() => void save()}
              >
                Save and next
              </Button>
            </>
          ) : (
            <>
              <h2 id="entry-title" className="text-lg font-semibold">
                Scan a label or pick a line
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {counted === lines.length ? 'Every line is counted.' : 'The pad opens with the line.'}
              </p>
            </>
          )}
        </section>
      </div>
    </div>
  )
}
