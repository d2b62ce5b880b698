import { randomBytes, randomInt } from 'node:crypto'

// No 0/O, 1/l/I: a temporary password is read off a screen and typed by someone else.
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A temporary password to hand over once: 4 groups of 4 readable characters (~90 bits). */
export function temporaryPassword(): string {
  const groups: string[] = []
  for (let g = 0; g < 4; g++) {
    let s = ''
    for (let i = 0; i < 4; i++) s += READABLE[randomInt(READABLE.length)]
    groups.push(s)
  }
  return groups.join('-')
}

/** A password nobody will ever know, for operators who only PIN in. */
export function unknowablePassword(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Auth address for an operator without a mailbox (docs/tenancy.md §4): `.invalid` is reserved and
 * never delivers; the address is only the key generateLink needs at PIN-in.
 */
export function operatorEmail(orgSlug: string, badgeCode: string): string {
  return `${orgSlug}.${badgeCode.toLowerCase()}@operators.floorline.invalid`
}
