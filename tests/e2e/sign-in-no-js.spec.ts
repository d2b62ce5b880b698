import { DEMO_PASSWORD } from './env'
import { expect, test } from './fixtures/test'
import { LoginPage } from './pages/login-page'

// A page that has not hydrated (a slow tablet, a blocked script, JavaScript off) is a plain HTML
// form: it must post, and no credential may ever appear in a URL (issue 10: it sent
// /login?email=…&password=…, and the password landed in the server log).
test.use({ javaScriptEnabled: false })

test('without JavaScript the sign-in form posts, and no credential ever appears in a URL', async ({ page }) => {
  const requests: Array<{ method: string; url: string }> = []
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url() }))
  const login = new LoginPage(page)
  await login.goto('/aurora/orders')

  await login.signIn('manager@aurora.test', 'not-the-password-42')
  await expect(page).toHaveURL(/\/login\?error=no-match/)
  await expect(login.error).toContainText('That email and password do not match an account')

  await login.signIn('manager@aurora.test', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aurora\/orders$/)
  // signed in: the workshop's header (the page's own content streams in with JavaScript)
  await expect(page.getByRole('navigation', { name: 'Workshop' }).getByRole('link', { name: 'Orders' })).toBeVisible()
  expect((await page.context().cookies()).some((c) => c.name.includes('auth-token'))).toBe(true)

  const posts = requests.filter((r) => new URL(r.url).pathname === '/login/submit')
  expect(posts.map((r) => r.method)).toEqual(['POST', 'POST'])
  for (const { url } of requests) {
    const u = decodeURIComponent(url)
    expect(u).not.toContain(DEMO_PASSWORD)
    expect(u).not.toContain('not-the-password-42')
    expect(u).not.toContain('manager@aurora.test')
    expect(new URL(url).searchParams.has('password')).toBe(false)
  }
})
