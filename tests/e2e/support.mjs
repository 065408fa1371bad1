// What the browser tests share: a real `jigsaw serve` on a free port with
// the demo partnership on a fresh SQLite database, Debian's Chromium driven
// by playwright-core (never a downloaded browser), an axe check of WCAG 2.2
// A and AA, screenshots, and two ways to work a page: with the pointer, or
// with the keyboard alone.
import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import assert from 'node:assert/strict'
import { after, before } from 'node:test'

const root = resolve(new URL('../..', import.meta.url).pathname)
// The front-end packages live in web/ (package.json, package-lock.json).
const require = createRequire(join(root, 'web', 'package.json'))
const { chromium } = require('playwright-core')
const AxeBuilder = require('@axe-core/playwright').default

export const PASSWORD = 'brackenford-demo'
// Every demo account's authenticator app secret (README, `jigsaw demo logins`).
export const TOTP_SECRET = 'JIGSAWDEMOBRACKENFORDTOTPSECRET2'
export const CODE_LABEL = 'Enter the code from your authenticator app'

// RFC 6238 as an authenticator app computes it: HMAC-SHA-1 over the
// 30-second step, 6 digits.
export function base32Decode (text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of text.replace(/\s/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const bytes = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

export function totp (secret, step) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0')
}

// The next code the server has not yet accepted for this person and
// secret. A code is good once (the server remembers the last step it
// accepted), and a step either side of now is accepted, so up to three
// sign-ins of one person fit in one 30-second step; a margin of three
// seconds covers the time between working the code out and the server
// checking it. Only a fourth sign-in of one person within a step has to
// wait for the next step, which the test files are written never to need.
const lastStep = new Map()
export async function nextCode (username, secret = TOTP_SECRET) {
  for (;;) {
    const now = Date.now() / 1000
    const earliest = Math.floor((now + 3) / 30) - 1
    const latest = Math.floor((now - 3) / 30) + 1
    const key = `${username} ${secret}`
    const step = Math.max(earliest, (lastStep.get(key) ?? -Infinity) + 1)
    if (step <= latest) {
      lastStep.set(key, step)
      return totp(secret, step)
    }
    await new Promise(resolve => setTimeout(resolve, (30 - (now % 30)) * 1000 + 100))
  }
}

// Signs in through the pages with `act` (pointer or keyboard): the
// password, then the demo authenticator's code. `seen` runs after each page.
export async function signIn (act, username, { secret = TOTP_SECRET, seen = async () => {} } = {}) {
  await act.fill('Username', username)
  await act.fill('Password', PASSWORD)
  await act.press('Sign in')
  await act.page.getByLabel(CODE_LABEL, { exact: true }).waitFor()
  await seen('code')
  await act.fill(CODE_LABEL, await nextCode(username, secret))
  await act.press('Continue')
}
const binary = process.env.JIGSAW_BINARY || join(root, 'build', 'jigsaw')
export const screenshotDir = process.env.JIGSAW_SCREENSHOT_DIR || join(root, 'build', 'screenshots')

export async function startServer () {
  const dir = mkdtempSync(join(tmpdir(), 'jigsaw-e2e-'))
  // A data directory of its own: the keys go beside it (dir/data-keys), so
  // removing dir removes them too.
  const database = `sqlite:${join(dir, 'data', 'e2e.db')}`
  if (process.env.JIGSAW_E2E_SEED) {
    // A copy of the demo partnership that scripts/test loaded once for every
    // file (a directory holding data/e2e.db and data-keys/): the same fresh
    // database, without each file spending seconds of CPU loading it again.
    cpSync(process.env.JIGSAW_E2E_SEED, dir, { recursive: true })
  } else {
    mkdirSync(join(dir, 'data'))
    const init = spawnSync(binary, ['init', '--demo', '--database', database], { encoding: 'utf8' })
    assert.equal(init.status, 0, `jigsaw init failed: ${init.stderr}`)
  }
  const server = spawn(binary, ['serve', '--database', database, '--port', '0', '--access-log', 'false'],
    { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`jigsaw serve did not start: ${output}`)), 20000)
    const read = chunk => {
      output += chunk
      const m = output.match(/listening on (http:\/\/[0-9.]+:[0-9]+)/)
      if (m) { clearTimeout(timer); resolveUrl(m[1]) }
    }
    server.stdout.on('data', read)
    server.stderr.on('data', read)
    server.on('exit', code => reject(new Error(`jigsaw serve exited (${code}): ${output}`)))
  })
  return {
    url,
    async stop () {
      server.kill('SIGTERM')
      await new Promise(r => server.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

// A server and a browser for one test file, started before its tests and
// stopped after them: `const env = serverAndBrowser()`, then `env.server`
// and `env.browser` inside the tests.
export function serverAndBrowser () {
  const env = {}
  before(async () => {
    env.server = await startServer()
    env.browser = await launchBrowser()
  })
  after(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
  return env
}

export async function launchBrowser () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // As root in a container, and on a machine that reaches no network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
  })
}

// Every page is checked against WCAG 2.0, 2.1 and 2.2 at levels A and AA.
export async function expectAccessible (page, visited) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze()
  const problems = results.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map(n => n.target.join(' ')).join('\n    ')}`)
  assert.deepEqual(problems, [], `accessibility problems on ${page.url()}`)
  visited?.add(new URL(page.url()).pathname.replace(/[0-9a-f]{32}/g, '{id}'))
}

export async function screenshot (page, name) {
  mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
}

// A link, including one styled as a button (GOV.UK start buttons are links with role="button").
const linkOrButtonLink = (page, name) =>
  page.getByRole('link', { name, exact: true }).or(page.locator('a[role=button]', { hasText: name })).first()

// A control named by its label, or given as a locator where labels repeat
// (each person's "Full name" on a form with several).
const control = (page, label) => typeof label === 'string' ? page.getByLabel(label, { exact: true }) : label

// Works a page with the pointer (Playwright's fill, check and click).
export function pointer (page) {
  return {
    page,
    fill: (label, text) => control(page, label).fill(text),
    check: label => control(page, label).check(),
    press: name => page.getByRole('button', { name, exact: true }).click(),
    follow: name => linkOrButtonLink(page, name).click(),
    choose: (label, option) => control(page, label).selectOption({ label: option }),
    // A link that stays on the page (an error summary's link to its field).
    use: locator => locator.click()
  }
}

// Works a page with the keyboard alone: Tab until the control has focus,
// then type, Space, the arrow keys (within a radio group) or Enter. A
// control that Tab never reaches fails the test.
export function keyboard (page) {
  const tabUntil = async (reached, description) => {
    for (let i = 0; i < 400; i++) {
      if (await reached()) return
      await page.keyboard.press('Tab')
    }
    throw new Error(`Tab never reached ${description}`)
  }
  const tabTo = async locator => {
    const target = locator.first()
    await target.waitFor()
    await tabUntil(() => target.evaluate(el => el === document.activeElement), String(target))
  }
  // Every button and link on the journey loads a page (a form post re-renders or redirects).
  const activate = async key => {
    await Promise.all([page.waitForNavigation(), page.keyboard.press(key)])
  }
  return {
    page,
    async fill (label, text) {
      await tabTo(control(page, label))
      await page.keyboard.press('Control+A')
      await page.keyboard.type(text)
    },
    async check (label) {
      const box = control(page, label).first()
      await box.waitFor()
      if ((await box.getAttribute('type')) === 'radio') {
        // Tab reaches a radio group once; the arrow keys choose within it.
        const name = await box.getAttribute('name')
        await tabUntil(() => page.evaluate(n => document.activeElement?.name === n, name), `the ${name} radios`)
        for (let i = 0; i < 20 && !(await box.isChecked()); i++) await page.keyboard.press('ArrowDown')
      } else {
        await tabTo(box)
        if (!(await box.isChecked())) await page.keyboard.press('Space')
      }
      assert.ok(await box.isChecked(), `${label} is not checked`)
    },
    async press (name) {
      await tabTo(page.getByRole('button', { name, exact: true }))
      await activate('Enter')
    },
    async follow (name) {
      await tabTo(linkOrButtonLink(page, name))
      await activate('Enter')
    },
    // A closed list box: the arrow keys move through its options.
    async choose (label, option) {
      const list = control(page, label)
      await tabTo(list)
      const chosen = () => list.evaluate(el => el.selectedOptions[0]?.label.trim())
      await page.keyboard.press('Home')
      for (let i = 0; i < 100 && (await chosen()) !== option; i++) await page.keyboard.press('ArrowDown')
      assert.equal(await chosen(), option, `${label}: the arrow keys never reached ${option}`)
    },
    async use (locator) {
      await tabTo(locator)
      await page.keyboard.press('Enter')
    }
  }
}

export const NARROW = { width: 375, height: 812 }

// What reaches past the right edge of a narrow screen, leaving out a wide
// table inside its own scrolling region and the visually hidden text GOV.UK
// positions off-screen on purpose.
export async function overflowing (page, width = NARROW.width) {
  return page.evaluate(width => [...document.querySelectorAll('body *')]
    .filter(el => !el.closest('.govuk-visually-hidden, [hidden]') && !el.parentElement?.closest('.jigsaw-table-scroll') &&
                  el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 0.5)
    .map(el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}: ` +
               `${Math.round(el.getBoundingClientRect().right)}px "${(el.textContent || '').trim().slice(0, 40)}"`), width)
}

// The ways a flow is worked in the browser tests, each a test of its own:
// with the pointer (axe on every page); with the keyboard alone on a phone's
// width (axe, and nothing past the edge); and with JavaScript off on a
// phone's width. Each mode's `tag` is a name part that keeps the children
// one mode records apart from another's. Axe and the width check run scripts in the page, so they
// are left out where scripts are off: the same pages are checked in the
// other two ways.
export const MODES = [
  { name: 'with the pointer', act: pointer, options: {}, checked: true, tag: 'Ash' },
  { name: 'with the keyboard alone, 375 px wide', act: keyboard, options: { viewport: NARROW }, checked: true, narrow: true, tag: 'Birch' },
  { name: 'with JavaScript off, 375 px wide', act: pointer, options: { viewport: NARROW, javaScriptEnabled: false }, checked: false, tag: 'Cedar' }
]

// A new browser context signed in as `username` and worked in `mode`:
// { context, page, act, seen }, where `seen()` checks the page in view.
// The first time in a file a person signs in through the pages; after that
// the new context carries their session's cookie, as a second tab would
// (a code is good once, so each real sign-in can cost a wait for the next
// 30-second step; signing in itself is tested in sign-in.test.mjs).
export async function signedIn (env, username, mode = MODES[0], visited = undefined) {
  env.sessions ??= new Map()
  const storageState = env.sessions.get(username)
  const context = await env.browser.newContext({ ...mode.options, ...(storageState ? { storageState } : {}) })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const act = mode.act(page)
  const seen = async () => {
    await page.waitForLoadState()
    if (!mode.checked) return
    await expectAccessible(page, visited)
    if (mode.narrow) assert.deepEqual(await overflowing(page), [], `${page.url()} is wider than 375 px`)
  }
  await page.goto(`${env.server.url}/`)
  if (await page.locator('h1', { hasText: 'What needs you' }).count() === 0) {
    await page.goto(`${env.server.url}/sign-in`)
    await signIn(act, username)
    await page.locator('h1', { hasText: 'What needs you' }).waitFor()
    env.sessions.set(username, await context.storageState())
  }
  await seen()
  return { context, page, act, seen }
}
