import type { Locator, Page } from '@playwright/test'

/** /[org]/settings/members and its invite dialog. */
export class MembersPage {
  readonly inviteButton: Locator
  readonly dialog: Locator
  readonly temporaryPassword: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.inviteButton = page.getByRole('button', { name: 'Invite member' })
    this.dialog = page.getByRole('dialog')
    this.temporaryPassword = page.getByTestId('temporary-password')
    this.rows = page.getByTestId('member-row')
  }

  async goto(slug: string) {
    await this.page.goto(`/${slug}/settings/members`)
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name })
  }

  /** Opens a member's action menu and picks an action. */
  async action(name: string, action: string) {
    await this.page.getByRole('button', { name: `Actions for ${name}` }).click()
    await this.page.getByRole('button', { name: action, exact: true }).click()
  }

  async invite(fields: { name: string; email?: string; role?: string; badge?: string; team?: string }) {
    await this.inviteButton.click()
    const d = this.dialog
    await d.getByLabel('Name').fill(fields.name)
    if (fields.role) await d.getByLabel('Role').selectOption({ label: fields.role })
    if (fields.email) await d.getByLabel(/^Email/).fill(fields.email)
    if (fields.badge) await d.getByLabel('Badge code').fill(fields.badge)
    if (fields.team) await d.getByLabel('Team').selectOption({ label: fields.team })
    await d.getByRole('button', { name: 'Invite', exact: true }).click()
  }
}
