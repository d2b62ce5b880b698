import Link from 'next/link'

export function WorkflowsBreadcrumb({ slug }: { slug: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link
        href={`/${slug}/settings/workflows`}
        className="text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        ← Workflows
      </Link>
    </nav>
  )
}
