// Recalling a disclosure sent in error, in a real browser with axe on every
// page: the school's DSL shares with children's services, then recalls it
// from the disclosure's page (a reason is required); the council's DSL finds
// it marked in "Shared with us" with nothing of its content, opens the
// recalled page and confirms they keep no copy; the school's DSL (the demo
// school has no DPO) sees the possible breach with its 72-hour deadline.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, expectAccessible, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

// Through the JSON API with the browser's own session: a DSL's share is sent at once.
async function share (request) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const organisations = await ok(await request.get(`${env.server.url}/api/v1/organisations`))
  const council = organisations.organisations.find(o => o.name.startsWith('Brackenford Council')).id
  const child = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: 'Wren', family_name: 'Astley', date_of_birth: '2014-03-04' }
  }))
  const concern = await ok(await request.post(`${env.server.url}/api/v1/concerns`, {
    data: { child_id: child.id, forms: ['neglect'], level: 'low', what_happened: 'Seen at school.', items: [{ text: 'Often hungry.', source: 'lunch staff' }] }
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
      informing: { told: true, told_on: '2026-11-24', told_by: 'Class teacher' }
    }
  }))
  assert.ok(decision.disclosure_id)
  return decision.disclosure_id
}

describe('recall', () => {
  test('the sharer recalls, the recipient confirms, the breach is flagged', { timeout: 300000 }, async () => {
    const visited = new Set()
    const sharer = await signedIn(env, 'primary.dsl@demo.jigsaw', MODES[0], visited)
    const school = sharer.context
    const id = await share(sharer.page.request)

    await sharer.page.goto(`${env.server.url}/disclosures/${id}`)
    await expectAccessible(sharer.page, visited)
    await sharer.act.follow('Recall it: it was sent in error')
    await sharer.page.waitForURL(new RegExp(`/disclosures/${id}/recall$`))
    await expectAccessible(sharer.page, visited)
    // No reason: the error names the question.
    await sharer.act.press('Recall it')
    await sharer.page.locator('.govuk-error-summary').waitFor()
    await expectAccessible(sharer.page, visited)
    await sharer.act.fill('Why are you recalling it?', 'Meant for the academy, not the council.')
    await sharer.act.press('Recall it')
    await sharer.page.getByText(/Recalled\. .* can no longer open it/).waitFor()
    await expectAccessible(sharer.page, visited)
    assert.match(await sharer.page.locator('main').textContent(), /Not yet confirmed/)

    const recipient = await signedIn(env, 'csc.dsl@demo.jigsaw', MODES[0], visited)
    const council = recipient.context
    await recipient.page.goto(`${env.server.url}/inbox`)
    await expectAccessible(recipient.page, visited)
    const card = recipient.page.locator('.govuk-summary-card', { hasText: 'Recalled: sent to you in error' })
    await card.waitFor()
    assert.doesNotMatch(await recipient.page.locator('main').textContent(), /Wren|Astley/)
    await recipient.page.getByRole('link', { name: 'Recalled: sent to you in error' }).click()
    await recipient.page.waitForURL(new RegExp(`/disclosures/${id}`))
    await expectAccessible(recipient.page, visited)
    const main = await recipient.page.locator('main').textContent()
    assert.match(main, /Information recalled/)
    assert.match(main, /Meant for the academy, not the council\./)
    assert.doesNotMatch(main, /Often hungry|Wren/)
    await recipient.act.press('Confirm we keep no copy')
    await recipient.page.getByText(/has been told that you keep no copy/).waitFor()
    await expectAccessible(recipient.page, visited)
    await council.close()

    await sharer.page.goto(`${env.server.url}/recalls`)
    await expectAccessible(sharer.page, visited)
    const flagged = await sharer.page.locator('main').textContent()
    assert.match(flagged, /Report by/)
    assert.match(flagged, /Confirmed/)
    await school.close()
  })
})
