import { PageSkeleton } from '@/components/common/skeleton'

export default function Loading() {
  return <PageSkeleton rows={8} />
}
