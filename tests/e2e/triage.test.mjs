// The recipient's triage and allocation in a real browser, with axe on
// every page: a school's DSL shares two concerns with children's services;
// the council's DSL finds them in "Shared with us" (the child's name on
// each card, never in the page title), filters with the form (a plain GET,
// so it works without JavaScript), rates one red and allocates it to a
// social worker, who is told and finds it on their home page. The inbox is
// checked again 375 px wide, where nothing may overflow.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()

async function signedIn (context, username, visited, viewport) {
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  if (viewport) await page.setViewportSize(viewport)
  const act = pointer(page)
  await page.goto(`${env.server.url}/sign-in`)
  await signIn(act, username)
  await page.locator('h1', { hasText: 'What needs you' }).waitFor()
  await expectAccessible(page, visited)
  return { page, act }
}

// Through the JSON API with the browser's own session: what the school shares.
async function share (request, level, form) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const organisations = await ok(await request.get(`${env.server.url}/api/v1/organisations`))
  const council = organisations.organisations.find(o => o.name.startsWith('Brackenford Council')).id
  const child = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: 'Tamsin', family_name: level === 'low' ? 'Orr' : 'Vale', date_of_birth: '2014-03-04' }
  }))
  const concern = await ok(await request.post(`${env.server.url}/api/v1/concerns`, {
    data: { child_id: child.id, forms: [form], level, what_happened: 'Seen at school.', items: [{ text: 'Often hungry.', source: 'lunch staff' }] }
  }))
  const decision = await ok(await request.post(`${env.server.url}/api/v1/decisions`, {
    data: {
      concern_id: concern.id,
      recipient_organisation_id: council,
      circumstances: { purpose: 'safeguarding', risk: 'low' },
      items: [{ id: concern.items[0].id, relevant: true, necessary: true }],
      share_items: [concern.items[0].id],
      outcome: 'share',
      rationale: "Children's services must know.",
      lawful_basis: 'public_task',
      consent: 'Mother agreed.',
      concern_account: 'shared',
      informing: { told: true, told_on: '2026-11-24', told_by: 'Class teacher' }
    }
  }))
  assert.ok(decision.disclosure_id)
  return decision.disclosure_id
}

describe('triage', () => {
  test('the recipient rates and allocates, and the worker is told', { timeout: 300000 }, async () => {
    const visited = new Set()
    const school = await env.browser.newContext()
    const sharer = await signedIn(school, 'primary.dsl@demo.jigsaw', visited)
    const urgent = await share(sharer.page.request, 'significant_harm', 'physical_abuse')
    await share(sharer.page.request, 'low', 'neglect')
    await school.close()

    const council = await env.browser.newContext()
    const { page, act } = await signedIn(council, 'csc.dsl@demo.jigsaw', visited)
    await page.goto(`${env.server.url}/inbox`)
    await expectAccessible(page, visited)
    assert.doesNotMatch(await page.title(), /Tamsin|Vale|Orr/)
    const card = page.locator('.govuk-summary-card', { hasText: 'Tamsin Vale' })
    await assert.doesNotReject(card.waitFor())
    assert.match(await card.textContent(), /Significant harm/i)
    assert.match(await card.textContent(), /Bryn Ashcombe/)
    assert.match(await card.textContent(), /Not allocated/)

    // The filter is a GET form: the choice is in the address.
    await page.getByLabel('Level of concern', { exact: true }).selectOption('significant_harm')
    await act.press('Apply')
    await page.waitForURL(/level=significant_harm/)
    await expectAccessible(page, visited)
    assert.equal(await page.locator('.govuk-summary-card').count(), 1)

    // Rated red and allocated to the social worker.
    await page.getByRole('link', { name: 'Tamsin Vale' }).click()
    await page.waitForURL(new RegExp(`/disclosures/${urgent}`))
    await expectAccessible(page, visited)
    await act.check('Red')
    await act.press('Save rating')
    await page.getByText('Rating saved.').waitFor()
    await expectAccessible(page, visited)
    await page.getByLabel('Allocate to', { exact: true }).selectOption({ label: 'Kemi Thorne' })
    await act.press('Allocate')
    await page.getByText('Allocated: they have been told.').waitFor()
    await expectAccessible(page, visited)

    // Back in the inbox: the red rating and the worker's name; one still unallocated.
    await page.goto(`${env.server.url}/inbox?allocation=unallocated`)
    assert.equal(await page.locator('.govuk-summary-card').count(), 1)
    assert.match(await page.locator('.govuk-summary-card').textContent(), /Tamsin Orr/)
    await page.goto(`${env.server.url}/inbox?sort=rating`)
    const first = page.locator('.govuk-summary-card').first()
    assert.match(await first.textContent(), /Red/)
    assert.match(await first.textContent(), /Kemi Thorne/)

    // 375 px wide: nothing overflows, and it is still accessible.
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(`${env.server.url}/inbox`)
    await expectAccessible(page, visited)
    // What can be seen, that is: GOV.UK's visually hidden text (the site-wide
    // "Exit this page" hint) is clipped to a pixel and may sit at the edge.
    const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
      .filter(el => !el.closest('.govuk-visually-hidden') && el.getBoundingClientRect().right > 375.5)
      .map(el => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`))
    assert.deepEqual(wide, [], 'the inbox overflows at 375 px')
    await council.close()

    // The social worker is told, and finds it theirs.
    const own = await env.browser.newContext()
    const worker = await signedIn(own, 'csc.socialworker@demo.jigsaw', visited)
    await worker.page.getByText('Information shared with your organisation was allocated to you').waitFor()
    await worker.page.locator('h2', { hasText: 'Information allocated to you' }).waitFor()
    await own.close()
  })
})
