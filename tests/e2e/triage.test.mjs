// The recipient's triage and allocation in a real browser, with axe on
// every page: a school's DSL shares two concerns with children's services;
// the council's DSL finds them in "Shared with us" (the child's name on
// each card, never in the page title), filters with the form (a plain GET,
// so it works without JavaScript), rates one red and allocates it to a
// social worker, who is told and finds it on their home page. Worked in
// every mode (support.mjs MODES), each with children of its own.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

// Through the JSON API with the browser's own session: what the school shares.
async function share (request, given, level, form) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const organisations = await ok(await request.get(`${env.server.url}/api/v1/organisations`))
  const council = organisations.organisations.find(o => o.name.startsWith('Brackenford Council')).id
  const child = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: given, family_name: level === 'low' ? 'Orr' : 'Vale', date_of_birth: '2014-03-04' }
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

async function triage (mode) {
  const given = `Tamsin-${mode.tag}`
  const cards = page => page.locator('.govuk-summary-card', { hasText: given })
  const sharer = await signedIn(env, 'primary.dsl@demo.jigsaw', mode)
  const urgent = await share(sharer.page.request, given, 'significant_harm', 'physical_abuse')
  await share(sharer.page.request, given, 'low', 'neglect')
  await sharer.context.close()

  const { context, page, act, seen } = await signedIn(env, 'csc.dsl@demo.jigsaw', mode)
  await page.goto(`${env.server.url}/inbox`)
  await seen()
  assert.doesNotMatch(await page.title(), /Tamsin|Vale|Orr/)
  const card = page.locator('.govuk-summary-card', { hasText: `${given} Vale` })
  await assert.doesNotReject(card.waitFor())
  assert.match(await card.textContent(), /Significant harm/i)
  assert.match(await card.textContent(), /Bryn Ashcombe/)
  assert.match(await card.textContent(), /Not allocated/)

  // The filter is a GET form: the choice is in the address.
  await act.choose('Level of concern', 'The child may be suffering significant harm')
  await act.press('Apply')
  await page.waitForURL(/level=significant_harm/)
  await seen()
  assert.equal(await cards(page).count(), 1)

  // Rated red and allocated to the social worker.
  await act.follow(`${given} Vale`)
  await page.waitForURL(new RegExp(`/disclosures/${urgent}`))
  await seen()
  await act.check('Red')
  await act.press('Save rating')
  await page.getByText('Rating saved.').waitFor()
  await seen()
  await act.choose('Allocate to', 'Kemi Thorne')
  await act.press('Allocate')
  await page.getByText('Allocated: they have been told.').waitFor()
  await seen()

  // Back in the inbox: the red rating and the worker's name; one still unallocated.
  await page.goto(`${env.server.url}/inbox?allocation=unallocated`)
  await seen()
  assert.equal(await cards(page).count(), 1)
  assert.match(await cards(page).textContent(), new RegExp(`${given} Orr`))
  await page.goto(`${env.server.url}/inbox?sort=rating`)
  const first = page.locator('.govuk-summary-card').first()
  assert.match(await first.textContent(), new RegExp(`${given} Vale.*Red.*Kemi Thorne`, 's'))
  await context.close()

  // The social worker is told, and finds it theirs.
  const worker = await signedIn(env, 'csc.socialworker@demo.jigsaw', mode)
  await worker.page.getByText('Information shared with your organisation was allocated to you').first().waitFor()
  await worker.page.locator('h2', { hasText: 'Information allocated to you' }).waitFor()
  await worker.context.close()
}

describe('triage', () => {
  for (const mode of MODES) {
    test(`the recipient rates and allocates, and the worker is told (${mode.name})`, { timeout: 300000 }, () => triage(mode))
  }
})
