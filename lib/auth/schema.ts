import { z } from 'zod'

/** One schema for the sign-in form (zodResolver) and the server action that signs in. */
export const SignInInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address')
    .pipe(z.email('That is not an email address')),
  password: z.string().min(1, 'Enter your password').max(200, 'That password is too long'),
  next: z.string().optional(),
})
export type SignInInput = z.input<typeof SignInInput>

/**
 * Where to go after signing in: only a path on this site. Anything else (another host, `//evil`,
 * `/\evil`, a scheme) would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null
  // control characters (a tab or newline inside "/\t/evil" is dropped by URL parsers)
  if ([...next].some((c) => c.charCodeAt(0) < 0x20)) return null
  return next
}

/** Where a person lands after sign-in: the `next` page, their only organisation, or the chooser. */
export function landingPath(slugs: string[], next?: string | null): string {
  const safe = safeNextPath(next)
  if (safe && safe !== '/login') return safe
  return slugs.length === 1 ? `/${slugs[0]}` : '/'
}
