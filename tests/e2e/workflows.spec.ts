import { DEMO_PASSWORD } from './env'
import { uniqueTag } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { repairCopyWithTicket } from './fixtures/workflows'
import { signInAs } from './session'

// A manager makes the system Repair workflow their own: copies it (system types are read-only),
// adds an "on_hold" state with a way in and out and a custom field, watches the diagram grow a node
// as they type, walks a pretend ticket into the new state with "Try it" (the database's engine), saves,
// reloads and finds it all kept. Touch (taps) and keyboard (Enter on a focused button, typing into
// the field that takes focus) both drive the editor. The copy carries this run's tag, so other specs
// and reruns never meet it.
test.use({ hasTouch: true })

test('a manager copies Repair, adds a state and a custom field, sees the diagram change and saves', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000)
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  const tag = uniqueTag()
  const code = `repair-${tag}`.toLowerCase()

  await page.goto('/aurora')
  await page.getByRole('navigation', { name: 'Workshop' }).getByRole('link', { name: 'Workflows' }).click()
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible()
  const tickets = page.getByRole('region', { name: /^Tickets/ })
  await expect(tickets.getByTestId('workflow-row').filter({ hasText: 'Repair' }).first()).toContainText('System')

  // system types are read-only: the copy is the way to change one
  await tickets.getByRole('button', { name: 'Copy Repair', exact: true }).tap()
  const dialog = page.getByRole('dialog', { name: 'Copy Repair' })
  await dialog.getByLabel('Name of the copy').fill(`Repair ${tag}`)
  await dialog.getByLabel('Code of the copy').fill(code)
  await dialog.getByRole('button', { name: 'Copy and edit' }).tap()
  await expect(page).toHaveURL(/\/aurora\/settings\/workflows\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { name: `Repair ${tag}`, level: 1 })).toBeVisible()

  const diagram = page.getByTestId('state-diagram')
  const node = (state: string) => diagram.locator(`svg [data-state="${state}"]`)
  await expect(node('repairing')).toHaveCount(1)
  await expect(node('on_hold')).toHaveCount(0)
  await expect(page.getByRole('img', { name: `Repair ${tag}: state diagram` })).toBeVisible()

  // keyboard: Enter on "Add a state" focuses the new row's name; typing names it, the diagram follows
  const form = page.getByRole('form', { name: 'Edit workflow' })
  await form.getByRole('button', { name: 'Add a state' }).focus()
  await page.keyboard.press('Enter')
  await expect(form.getByLabel('State 8 name')).toBeFocused()
  await page.keyboard.type('on_hold')
  await expect(node('on_hold')).toHaveCount(1)

  // a way in and a way out (the database refuses a state nothing reaches, or one with no way out)
  await form.getByRole('button', { name: 'Add a transition' }).tap()
  await form.getByLabel('Transition 7 name').fill('hold')
  await form.getByLabel('hold: from').selectOption({ label: 'repairing' })
  await form.getByLabel('hold: to').selectOption({ label: 'on_hold' })
  await form.getByRole('button', { name: 'Add a transition' }).focus()
  await page.keyboard.press('Enter')
  await expect(form.getByLabel('Transition 8 name')).toBeFocused()
  await page.keyboard.type('resume')
  await form.getByLabel('resume: from').selectOption({ label: 'on_hold' })
  await form.getByLabel('resume: to').selectOption({ label: 'repairing' })
  await expect(diagram.locator('svg [data-edge="hold"]')).toHaveCount(1)

  // a custom field
  await form.getByRole('button', { name: 'Add a field' }).tap()
  await expect(form.getByLabel('Field 3 key')).toBeFocused()
  await page.keyboard.type('warranty')
  await form.getByLabel('Field 3 label').fill('Under warranty')
  await form.getByLabel('Field 3 type').selectOption({ label: 'Yes / no' })

  // Try it: the database walks a pretend ticket through the unsaved machine
  const tryIt = page.getByTestId('try-panel')
  await expect(tryIt.getByTestId('try-state')).toHaveText('received')
  await tryIt.getByRole('button', { name: /^diagnose → diagnosing/ }).tap()
  await tryIt.getByRole('button', { name: /^start_repair → repairing/ }).tap()
  await tryIt.getByRole('button', { name: /^hold → on_hold/ }).tap()
  await expect(tryIt.getByTestId('try-state')).toHaveText('on_hold')
  await expect(tryIt.getByRole('button', { name: /^resume → repairing/ })).toBeVisible()

  // the form's own check answers at once; the database's problems with the machine land under the
  // input they name (FSM_INVALID: a state nothing reaches)
  await form.getByLabel('Field 3 key').fill('Warranty!')
  await form.getByRole('button', { name: 'Save workflow' }).tap()
  await expect(form.getByLabel('Field 3 key')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText(/^Use lowercase letters, digits and _/)).toBeVisible()
  await form.getByLabel('Field 3 key').fill('warranty')
  await form.getByRole('button', { name: 'Add a state' }).tap()
  await form.getByLabel('State 9 name').fill('limbo')
  await form.getByRole('button', { name: 'Save workflow' }).tap()
  await expect(form.getByLabel('State 9 name')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('State "limbo" cannot be reached from the initial state "received"')).toBeVisible()
  await form.getByRole('button', { name: 'Remove state limbo' }).tap()
  await expect(node('limbo')).toHaveCount(0)

  await form.getByRole('button', { name: 'Save workflow' }).tap()
  await expect(page.getByText('Saved: version 2.')).toBeVisible()

  await page.reload()
  await expect(form.getByLabel('State 8 name')).toHaveValue('on_hold')
  await expect(form.getByLabel('Field 3 key')).toHaveValue('warranty')
  await expect(form.getByLabel('Field 3 type')).toHaveValue('boolean')
  await expect(node('on_hold')).toHaveCount(1)
  await expect(page.getByText('version 2', { exact: false }).first()).toBeVisible()

  // the list shows the copy as the workshop's own; the system type it came from stays as it was, read-only
  await page.goto('/aurora/settings/workflows')
  await expect(page.getByTestId('workflow-row').filter({ hasText: code })).toContainText('8 states')
  await page.getByRole('link', { name: 'View Repair', exact: true }).click()
  await expect(page.getByText('System: read-only')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Save workflow' })).toHaveCount(0)
  await expect(node('on_hold')).toHaveCount(0)
})

// Removing a state that a live ticket sits in: the database refuses with the count (STATE_IN_USE) and
// the editor asks where the ticket goes; the move is saved with the change.
test('removing a state with a live ticket asks where it goes, then moves it with the save', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000)
  const copy = await repairCopyWithTicket(['diagnose', 'order_parts'])
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  await page.goto(`/aurora/settings/workflows/${copy.id}`)
  const form = page.getByRole('form', { name: 'Edit workflow' })
  await expect(form.getByText('1 live item is here')).toBeVisible()

  await form.getByRole('button', { name: 'Remove state awaiting_parts' }).click()
  await form.getByRole('button', { name: 'Remove order_parts' }).click()
  await form.getByLabel('start_repair: leaves').selectOption({ label: 'one state' })
  await form.getByLabel('start_repair: from').selectOption({ label: 'diagnosing' })
  await form.getByRole('button', { name: 'Save workflow' }).click()

  const dialog = page.getByRole('dialog', { name: 'Items are still in a state you removed' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('1 item is in “awaiting_parts”. Move them to').selectOption('diagnosing')
  await dialog.getByRole('button', { name: 'Move and save' }).click()
  await expect(page.getByText('Saved: version 2.')).toBeVisible()
  await expect(dialog).toBeHidden()

  await page.reload()
  await expect(form.getByLabel('State 2 name')).toHaveValue('diagnosing')
  await expect(form.getByText('1 live item is here')).toBeVisible() // the ticket, now in diagnosing
  await expect(form.getByRole('button', { name: 'Remove state awaiting_parts' })).toHaveCount(0)
})
