// Signing in with a second factor, in a real browser: an administrator
// resets a colleague's sign-in (they lost their phone); the colleague sets
// up an authenticator app from the QR code page, using the key shown as
// text (as someone with a screen reader would), and saves their recovery
// codes; signs in with a recovery code; then with a code from the app.
// Run with the pointer (axe on every page), with the keyboard alone, and
// with JavaScript switched off, each for a different colleague. Then a
// passkey: added on the settings page and used to sign in, through
// Chromium's virtual authenticator.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import {
  CODE_LABEL, PASSWORD, expectAccessible, keyboard, nextCode, pointer, screenshot, serverAndBrowser, signIn
} from './support.mjs'

const ADMIN = 'csc.admin@demo.jigsaw'

const env = serverAndBrowser()

async function run (context, mode, person, check) {
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  try {
    await walk(page, mode, person, check)
  } catch (e) {
    await screenshot(page, `failed-sign-in-${mode}`).catch(() => {})
    throw new Error(`${e.message}\n  on ${page.url()}`, { cause: e })
  } finally {
    await page.close()
  }
}

async function walk (page, mode, person, check) {
  const act = mode === 'keyboard' ? keyboard(page) : pointer(page)
  const seen = async name => {
    await page.waitForLoadState()
    assert.ok(!(await page.title()).includes(person.name), 'no names in page titles')
    await check(page, name)
  }
  const home = async () => page.locator('h1', { hasText: 'What needs you' }).waitFor()
  const signOut = async () => {
    await act.press('Sign out')
    await page.getByText('You have signed out').waitFor()
  }
  const password = async username => {
    await page.goto(`${env.server.url}/sign-in`)
    await seen('sign-in')
    await act.fill('Username', username)
    await act.fill('Password', PASSWORD)
    await act.press('Sign in')
  }

  // --- The administrator resets the colleague's sign-in ---------------------
  await page.goto(`${env.server.url}/sign-in`)
  await signIn(act, ADMIN, { seen })
  await home()
  await act.follow('Your sign-in')
  await seen('settings')
  await act.follow("Reset a colleague's sign-in")
  await seen('people')
  await act.follow(`Manage ${person.name}`)
  await seen('person')
  await act.follow('Reset their sign-in')
  await seen('reset-confirm')
  await act.press('Reset their sign-in')
  await page.getByText('Their sign-in has been reset.').waitFor()
  await seen('reset-done')
  await signOut()

  // --- They set up an authenticator app again -------------------------------
  await password(person.username)
  await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor()
  await seen('enrol')
  assert.equal(await page.locator('svg.jigsaw-qr').getAttribute('role'), 'img', 'the QR code has a text alternative')
  // Read the key as text, as someone who cannot scan the QR code would.
  const secret = (await page.locator('code.jigsaw-secret').textContent()).replace(/\s/g, '')
  assert.match(secret, /^[A-Z2-7]{32}$/)
  await act.fill(CODE_LABEL, '000000')
  await act.press('Continue')
  await page.locator('.govuk-error-summary').waitFor()
  await seen('enrol-error')
  await act.fill(CODE_LABEL, await nextCode(person.username, secret))
  await act.press('Continue')
  await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor()
  await seen('recovery-codes')
  const codes = await page.locator('.jigsaw-recovery-codes code').allTextContents()
  assert.equal(codes.length, 10)
  await act.follow('I have saved my recovery codes')
  await home()
  await signOut()

  // --- A recovery code, once ------------------------------------------------
  await password(person.username)
  await page.getByLabel(CODE_LABEL, { exact: true }).waitFor()
  await seen('code')
  await act.follow('Use a recovery code instead')
  await seen('recovery-code')
  await act.fill('Enter a recovery code', codes[4].toUpperCase())
  await act.press('Continue')
  await page.getByText('You signed in with a recovery code. You have 9 left.').waitFor()
  await seen('recovery-used')
  await signOut()

  // --- And the app from now on ----------------------------------------------
  await page.goto(`${env.server.url}/sign-in`)
  await signIn(act, person.username, { secret })
  await home()
  await signOut()
}

describe('signing in with a second factor', () => {
  test('an administrator resets a sign-in; the person enrols, uses a recovery code, then the app (pointer, axe on every page)', { timeout: 240000 }, async () => {
    const context = await env.browser.newContext()
    const visited = new Set()
    await run(context, 'pointer', { username: 'csc.socialworker@demo.jigsaw', name: 'Kemi Thorne' }, async (page, name) => {
      await expectAccessible(page, visited)
      if (name === 'enrol' || name === 'recovery-codes') await screenshot(page, `sign-in-${name}`)
    })
    console.log(`axe found no WCAG 2.2 A/AA problems on ${visited.size} sign-in pages: ${[...visited].sort().join(', ')}`)
    await context.close()
  })

  test('the same with the keyboard alone', { timeout: 240000 }, async () => {
    const context = await env.browser.newContext()
    await run(context, 'keyboard', { username: 'csc.dpo@demo.jigsaw', name: 'Mina Okafor-Vale' }, async () => {})
    await context.close()
  })

  test('the same with JavaScript switched off', { timeout: 180000 }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false })
    await run(context, 'pointer', { username: 'csc.dsl@demo.jigsaw', name: 'Lars Wendell' }, async () => {})
    await context.close()
  })
})

describe('passkeys', () => {
  test('a passkey added on the settings page signs in without password or code (virtual authenticator)', { timeout: 120000 }, async () => {
    const context = await env.browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(10000)
    // Chromium's virtual authenticator, through the DevTools protocol: a
    // platform authenticator that holds passkeys and verifies the user.
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true
      }
    })
    // A relying party id must be a host name, not an IP address.
    const base = env.server.url.replace('127.0.0.1', 'localhost')
    const act = pointer(page)
    try {
      await page.goto(`${base}/sign-in`)
      await signIn(act, 'primary.dsl@demo.jigsaw')
      await page.locator('h1', { hasText: 'What needs you' }).waitFor()
      await page.goto(`${base}/account`)
      await act.fill('Name this passkey', 'Test laptop')
      await act.press('Add a passkey')
      await page.getByText('Your passkey has been added.').waitFor()
      await expectAccessible(page)
      assert.match(await page.locator('main').textContent(), /Test laptop/)
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
      assert.equal(credentials.length, 1)
      assert.equal(credentials[0].isResidentCredential, true)
      await act.press('Sign out')
      await page.getByText('You have signed out').waitFor()

      await act.press('Sign in with a passkey')
      await page.locator('h1', { hasText: 'What needs you' }).waitFor()
      assert.match(await page.locator('.jigsaw-account').textContent(), /Bryn Ashcombe/)
    } catch (e) {
      await screenshot(page, 'failed-passkey').catch(() => {})
      throw e
    }
    await context.close()
  })
})
