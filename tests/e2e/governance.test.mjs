// The registers in a real browser with axe on every page: children's
// services' senior leader finds the demo's active agreement and approved
// DPIA from the menu, records a new agreement with the primary school (the
// form's error summary first), signs it for children's services, and the
// primary school's head signs it too, after which it is active.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()

async function signedIn (context, username, visited) {
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const act = pointer(page)
  await page.goto(`${env.server.url}/sign-in`)
  await signIn(act, username)
  await page.locator('h1', { hasText: 'What needs you' }).waitFor()
  await expectAccessible(page, visited)
  return { page, act }
}

describe('governance', () => {
  test('the registers, recording an agreement and every party signing it', { timeout: 300000 }, async () => {
    const visited = new Set()
    const leader = await signedIn(await env.browser.newContext(), 'csc.dsl@demo.jigsaw', visited)
    const main = () => leader.page.locator('main').textContent()
    await leader.act.follow('Agreements and DPIAs')
    await leader.page.waitForURL(/\/agreements$/)
    await expectAccessible(leader.page, visited)
    assert.match(await main(), /safeguarding information sharing agreement \(demo\)/)
    assert.match(await main(), /Active/)
    await leader.act.follow("Brackenford schools and children's services safeguarding information sharing agreement (demo)")
    await expectAccessible(leader.page, visited)
    assert.match(await main(), /signed by Sol Everly/)
    await leader.page.goto(`${env.server.url}/dpias`)
    await expectAccessible(leader.page, visited)
    assert.match(await main(), /Approved/)
    await leader.act.follow("Regular safeguarding sharing between Brackenford schools and children's services (demo)")
    await expectAccessible(leader.page, visited)
    assert.match(await main(), /The measures are proportionate/)

    await leader.page.goto(`${env.server.url}/agreements/new`)
    await expectAccessible(leader.page, visited)
    await leader.act.press('Record the agreement')
    const summary = leader.page.locator('.govuk-error-summary')
    await summary.waitFor()
    await expectAccessible(leader.page, visited)
    assert.match(await summary.textContent(), /Enter the agreement's title/)
    assert.match(await summary.textContent(), /Choose at least two organisations/)

    await leader.act.fill('Title', 'Early help agreement')
    await leader.page.getByLabel('Brackenford Primary School (demo)', { exact: true }).check()
    await leader.page.locator('input[name="purposes"][value="early_help"]').check()
    await leader.act.fill('Categories of data shared', 'Attendance\nFamily circumstances')
    await leader.page.locator('input[name="people_categories"][value="child"]').check()
    await leader.page.locator('input[name="lawful_bases"][value="public_task"]').check()
    await leader.page.locator('input[name="frequency"][value="regular"]').check()
    for (const [name, year] of [['start_on', '2026'], ['review_on', '2027']]) {
      await leader.page.locator(`#${name}-day`).fill('1')
      await leader.page.locator(`#${name}-month`).fill('9')
      await leader.page.locator(`#${name}-year`).fill(year)
    }
    await leader.page.locator('#document_reference').fill('BSCP-EH-2')
    await leader.act.press('Record the agreement')
    await leader.page.waitForLoadState()
    assert.match(leader.page.url(), /\/agreements\/[0-9a-f]{32}\?recorded=1$/, await main())
    await expectAccessible(leader.page, visited)
    assert.match(await main(), /Draft/)
    await leader.act.press('Sign the agreement')
    await leader.page.waitForURL(/\?signed=1$/)
    await expectAccessible(leader.page, visited)
    assert.match(await main(), /Awaiting signature/)
    const address = leader.page.url().replace(/\?signed=1$/, '')

    const head = await signedIn(await env.browser.newContext(), 'primary.head@demo.jigsaw', visited)
    await head.page.goto(address)
    await expectAccessible(head.page, visited)
    await head.act.press('Sign the agreement')
    await head.page.waitForURL(/\?signed=1$/)
    await expectAccessible(head.page, visited)
    assert.match(await head.page.locator('main').textContent(), /Active/)
  })
})
