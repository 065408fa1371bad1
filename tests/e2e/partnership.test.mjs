// The partnership index in a real browser, with axe on every page: a
// school's DSL asks who else knows a child and is led, from the surgery
// named in the answer, to an information request filled in from the
// child's record; the surgery's DSL reads that someone asked; one man
// recorded around three children by three agencies alerts children's
// services' DSL, whose alert page draws the network and lists the same
// facts in tables.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()

// A signed-in browser context for one demo user, with a helper that
// records people through the JSON API (the session cookie goes with it).
async function as (username, visited) {
  const context = await env.browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const act = pointer(page)
  await page.goto(`${env.server.url}/sign-in`)
  await signIn(act, username)
  await page.locator('h1', { hasText: 'What needs you' }).waitFor()
  const seen = async () => {
    await page.waitForLoadState()
    await expectAccessible(page, visited)
  }
  const record = async person => {
    const reply = await page.request.post(`${env.server.url}/api/v1/people`, { data: person })
    assert.equal(reply.status(), 201, await reply.text())
    return (await reply.json()).id
  }
  // A child, and the same man recorded around them.
  const childWithMan = async (given, family, dob) => {
    const child = await record({ kind: 'child', given_name: given, family_name: family, date_of_birth: dob })
    await record({
      kind: 'associated_adult',
      given_name: 'Craig',
      family_name: 'Fenwick',
      date_of_birth: '1979-05-01',
      related_to: { person_id: child, kind: 'associated_adult' }
    })
    return child
  }
  return { context, page, act, seen, record, childWithMan }
}

describe('who else knows, and children linked to the same risk', () => {
  test('the answer names organisations and leads to a request; the network alert is drawn and tabled', { timeout: 300000 }, async () => {
    const visited = new Set()
    const gp = await as('gp.dsl@demo.jigsaw', visited)
    await gp.record({ kind: 'child', given_name: 'Tom', family_name: 'Nowak', date_of_birth: '2017-06-21', nhs_number: '9434765919' })
    await gp.childWithMan('Leon', 'Platt', '2011-08-15')
    const police = await as('police.dsl@demo.jigsaw', visited)
    await police.childWithMan('Skye', 'Rowe', '2012-11-30')

    // The school's DSL asks, from the child's record.
    const school = await as('primary.dsl@demo.jigsaw', visited)
    await school.childWithMan('Jade', 'Orme', '2013-02-02')
    const tomasz = await school.record({ kind: 'child', given_name: 'Tomasz', family_name: 'Nowak', date_of_birth: '2017-06-21', nhs_number: '943 476 5919' })
    const { page, act, seen } = school
    await page.goto(`${env.server.url}/children/${tomasz}`)
    await seen()
    await act.follow('Who else knows this child?')
    await seen()
    await act.press('Ask who else knows')
    await page.locator('h1', { hasText: 'Who else knows this child' }).waitFor()
    await seen()
    const answer = page.locator('table')
    await answer.getByRole('cell', { name: 'Millbrook Surgery (demo)', exact: true }).waitFor()
    assert.ok((await answer.textContent()).includes('gp.dsl@demo.jigsaw'))
    assert.ok(!(await page.content()).includes('Tom Nowak'), 'the surgery\'s record is not shown')
    await page.getByRole('link', { name: /^Ask for information/ }).click()
    await seen()
    assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Tomasz')
    assert.equal(await page.getByLabel('Who are you asking?', { exact: true }).locator('option:checked').textContent(),
      'Millbrook Surgery (demo)')

    // The surgery's DSL is told who asked.
    await gp.page.goto(`${env.server.url}/`)
    await gp.page.getByRole('link', { name: 'Another organisation asked who else knows a child you have a record of' }).click()
    await gp.page.locator('h1', { hasText: 'Someone asked who else knows a child' }).waitFor()
    await gp.seen()
    assert.ok((await gp.page.content()).includes('primary.dsl@demo.jigsaw'))

    // Children's services' DSL is alerted, and sees the network.
    const csc = await as('csc.dsl@demo.jigsaw', visited)
    await csc.page.getByRole('link', { name: 'Children known to several organisations are linked to the same risk' }).first().click()
    await csc.page.locator('h1', { hasText: 'Children linked to the same risk' }).waitFor()
    await csc.seen()
    const svg = csc.page.locator('svg[role=img]')
    assert.equal(await svg.count(), 1)
    for (const name of ['Jade Orme', 'Leon Platt', 'Skye Rowe']) {
      assert.ok((await svg.textContent()).includes(name), `${name} in the picture`)
      await csc.page.locator('table', { hasText: name }).first().waitFor()
    }
    const content = await csc.page.content()
    for (const secret of ['Craig', 'Fenwick']) assert.ok(!content.includes(secret), `${secret} is not shown`)
    await csc.page.getByRole('link', { name: /^Ask about Skye Rowe/ }).click()
    await csc.seen()
    assert.equal(await csc.page.getByLabel('Who are you asking?', { exact: true }).locator('option:checked').textContent(),
      'Brackenford Constabulary (demo)')
    await csc.page.goto(`${env.server.url}/risk-alerts`)
    await csc.seen()

    // Whether an organisation is named is its own DSL's choice.
    await police.page.goto(`${env.server.url}/partnership/visibility`)
    await police.seen()
    await police.act.check('No, withhold our name')
    await police.act.press('Save')
    await police.page.getByText('Saved.').waitFor()
    await police.seen()

    for (const s of [gp, police, school, csc]) await s.context.close()
    for (const path of ['/children/{id}/who-else-knows', '/partnership/lookups/{id}', '/risk-alerts/{id}', '/risk-alerts',
      '/partnership/visibility', '/information-requests/new']) {
      assert.ok(visited.has(path), `${path} was checked with axe`)
    }
  })
})
