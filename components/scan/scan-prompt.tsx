/** What the result side shows before the first scan, or for a code scanned offline with no card on the tablet. */
export function ScanPrompt({ offlineCode }: { offlineCode?: string }) {
  if (offlineCode) {
    return (
      <div
        className="flex flex-1 flex-col items-center justify-center rounded-3xl border-2 border-dashed border-amber-400 p-8 text-center dark:border-amber-500/60"
        data-testid="offline-scan"
      >
        <p className="text-2xl font-semibold text-zinc-800 dark:text-zinc-200">{offlineCode}</p>
        <p className="mt-2 max-w-md text-lg text-zinc-700 dark:text-zinc-300">
          Saved on the tablet. This tablet has no copy of its card: scan it again when the connection is back.
        </p>
      </div>
    )
  }
  return (
    <div className="flex flex-1 flex-col items-center justify-center rounded-3xl border-2 border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      <p className="text-2xl font-semibold text-zinc-700 dark:text-zinc-300">Scan a label</p>
      <p className="mt-2 max-w-md text-lg">
        An item shows its stage, who has it and what this stage asks for. Location labels move you; action cards
        complete their action.
      </p>
    </div>
  )
}
