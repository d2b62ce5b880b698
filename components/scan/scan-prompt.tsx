/** What the result side shows before the first scan. */
export function ScanPrompt() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center rounded-3xl border-2 border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
      <p className="text-2xl font-semibold text-zinc-700 dark:text-zinc-300">Scan a label</p>
      <p className="mt-2 max-w-md text-lg">
        An item shows its stage, who has it and what this stage asks for. Location labels move you; action cards
        complete their action.
      </p>
    </div>
  )
}
