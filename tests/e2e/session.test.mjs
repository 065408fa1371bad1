// The session-timeout warning, with the browser's clock under the test's
// control: two minutes before the idle timeout a practitioner is warned and
// can stay signed in; if they do nothing, the page leaves for the sign-in
// page, which says why; if another tab kept the session alive, the page
// waits for the session's real end. A shared computer left unattended must not keep a
// child's record on screen.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, screenshot, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()

describe('the session timeout', () => {
  test('warns two minutes before, "Stay signed in" keeps the session, and doing nothing signs out', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(10000)
    // Timers run on the test's clock from the first page on.
    await page.clock.install()
    await page.goto(`${env.server.url}/sign-in`)
    await signIn(pointer(page), 'primary.teacher@demo.jigsaw')
    await page.getByRole('heading', { name: 'What needs you' }).waitFor()
    const idle = Number(await page.locator('body').getAttribute('data-idle-timeout'))
    assert.equal(idle, 30 * 60, 'the page knows the server\'s idle timeout')

    // What the server says is left. The browser's clock is the test's, the
    // server's is real, so the page's question is answered here.
    let serverSecondsLeft = idle
    await page.route('**/session/time-left', route =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ seconds: serverSecondsLeft }) }))

    const warning = page.getByRole('alert').filter({ hasText: 'you will be signed out in 2 minutes' })
    // Another tab kept the session alive: no warning, and the page waits for the new end.
    serverSecondsLeft = 25 * 60
    await page.clock.fastForward((idle - 119) * 1000)
    assert.equal(await warning.count(), 0, 'no warning while the session has long to go')

    serverSecondsLeft = 120
    await page.clock.fastForward((25 * 60 - 121) * 1000)
    assert.equal(await warning.count(), 0, 'no warning before its time')
    await page.clock.fastForward(2000)
    await warning.waitFor()
    // The warning takes focus, so a keyboard or screen reader user meets it.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Stay signed in')
    await expectAccessible(page)
    await screenshot(page, 'session-timeout-warning')

    await page.getByRole('button', { name: 'Stay signed in' }).click()
    await warning.waitFor({ state: 'detached' })
    assert.match(page.url(), /\/$/, 'still on the page')
    // The server's session is still good: a page loads without signing in again.
    const home = await context.request.get(`${env.server.url}/`, { maxRedirects: 0 })
    assert.equal(home.status(), 200)

    // Then nothing for the whole idle period: off to the sign-in page, which says why.
    serverSecondsLeft = 0
    await page.clock.fastForward(idle * 1000 + 1000)
    await page.waitForURL(/\/sign-in\?timed-out=1$/)
    await page.getByText('You were signed out because you had not done anything for a while').waitFor()
    await context.close()
  })
})
