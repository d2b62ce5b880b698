'use client'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Dialog } from '@/components/common/dialog'
import { Button, buttonClasses } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { cutLayIntoBundles, setCuttingRunStatus } from '@/lib/cutting/actions'
import type { LayRow } from '@/lib/cutting/queries'
import { CompleteRunForm } from './complete-run-form'
import { StartRunForm } from './start-run-form'

/**
 * The tablet controls of one lay, in 48 px buttons: start a cutting run (a supervisor picks the
 * cutter), pause / resume it, complete it (which cuts the lay into bundles), cut a lay without a
 * run (supervisors), and print the bundles' labels once they exist.
 */
export function RunControls({
  slug,
  lay,
  members,
  supervisor,
}: {
  slug: string
  lay: Pick<LayRow, 'id' | 'lay_number' | 'status' | 'plies' | 'cutting_runs'> & { bundleCount: number }
  members: Array<{ id: string; display_name: string }>
  supervisor: boolean
}) {
  const router = useRouter()
  const [dialog, setDialog] = useState<'start' | 'complete' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const open = lay.cutting_runs.find((r) => r.status !== 'COMPLETED')
  const name = `L-${lay.lay_number}`

  async function run(write: () => Promise<{ ok: boolean; message?: string }>) {
    setBusy(true)
    setError(null)
    const result = await write()
    setBusy(false)
    if (!result.ok) setError(result.message ?? 'That did not work')
    else router.refresh()
  }

  return (
    <div className="flex flex-col gap-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {lay.status === 'planned' && !open ? (
          <Button size="touch" onClick={() => setDialog('start')} data-testid={`start-${name}`}>
            Start cutting {name}
          </Button>
        ) : null}
        {open?.status === 'IN_PROGRESS' ? (
          <Button
            size="touch"
            variant="secondary"
            pending={busy}
            onClick={() =>
              run(() => setCuttingRunStatus({ runId: open.id, status: 'PAUSED', clientId: newClientId() }))
            }
          >
            Pause {open.run_number}
          </Button>
        ) : null}
        {open?.status === 'PAUSED' ? (
          <Button
            size="touch"
            variant="secondary"
            pending={busy}
            onClick={() =>
              run(() => setCuttingRunStatus({ runId: open.id, status: 'IN_PROGRESS', clientId: newClientId() }))
            }
          >
            Resume {open.run_number}
          </Button>
        ) : null}
        {open ? (
          <Button size="touch" onClick={() => setDialog('complete')} data-testid={`complete-${name}`}>
            Complete {open.run_number}
          </Button>
        ) : null}
        {supervisor && !open && lay.status !== 'cut' && lay.status !== 'cancelled' && lay.bundleCount === 0 ? (
          <Button
            size="touch"
            variant="secondary"
            pending={busy}
            onClick={() => run(() => cutLayIntoBundles({ layId: lay.id, clientId: newClientId() }))}
          >
            Cut {name} into bundles
          </Button>
        ) : null}
        {lay.bundleCount > 0 ? (
          <Link
            href={`/${slug}/labels?kind=lay_bundles&lay=${lay.id}`}
            className={buttonClasses({ variant: 'secondary', size: 'touch' })}
            data-testid={`labels-${name}`}
          >
            Print {lay.bundleCount} bundle labels
          </Link>
        ) : null}
      </div>
      <Dialog open={dialog === 'start'} onClose={() => setDialog(null)} title={`Start cutting ${name}`}>
        <StartRunForm
          layId={lay.id}
          members={members}
          supervisor={supervisor}
          onDone={() => {
            setDialog(null)
            router.refresh()
          }}
          onCancel={() => setDialog(null)}
        />
      </Dialog>
      {open ? (
        <Dialog
          open={dialog === 'complete'}
          onClose={() => setDialog(null)}
          title={`Complete ${open.run_number}`}
          description={`What was cut from ${name}. Completing cuts the lay into numbered bundles.`}
        >
          <CompleteRunForm
            runId={open.id}
            plies={lay.plies}
            onDone={() => {
              setDialog(null)
              router.refresh()
            }}
            onCancel={() => setDialog(null)}
          />
        </Dialog>
      ) : null}
    </div>
  )
}
