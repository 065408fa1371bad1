// Correcting a record, in a real browser with axe on every page: the
// school's DSL shares an item naming a mother, then marks her protected
// from the child's record (a reason is required) and corrects the item
// from the concern page; each correction page shows the superseded
// version; the council's DSL finds the earlier share marked corrected in
// "Shared with us", and the correction, with its reason, withholds the
// mother now protected (UK GDPR Article 19; docs/rights.md).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

// A mother of each mode's own: once one is protected, a share naming
// another with her name or address would rightly stop for a review.
const MOTHERS = {
  Ash: { given: 'Olive', family: 'Pratchett', street: 'Refuge Road' },
  Birch: { given: 'Petra', family: 'Quillfeather', street: 'Harbour Close' },
  Cedar: { given: 'Ruth', family: 'Stannard', street: 'Millpond Lane' }
}

// Through the JSON API with the browser's own session: a DSL's share is sent at once.
async function share (request, tag) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const organisations = await ok(await request.get(`${env.server.url}/api/v1/organisations`))
  const council = organisations.organisations.find(o => o.name.startsWith('Brackenford Council')).id
  const child = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: `Wren-${tag}`, family_name: 'Astley', date_of_birth: '2014-03-04' }
  }))
  const mother = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: {
      kind: 'parent', given_name: MOTHERS[tag].given, family_name: MOTHERS[tag].family, address: `12 ${MOTHERS[tag].street}, Brackenford`,
      related_to: { person_id: child.id, kind: 'parent' }
    }
  }))
  const concern = await ok(await request.post(`${env.server.url}/api/v1/concerns`, {
    data: {
      child_id: child.id, forms: ['domestic_abuse'], level: 'significant_harm', what_happened: 'Shouting at home.',
      items: [{ text: `Wren lives with ${MOTHERS[tag].given} ${MOTHERS[tag].family} at 12 ${MOTHERS[tag].street}.`, source: 'class teacher', identifies: [mother.id] }]
    }
  }))
  const decision = await ok(await request.post(`${env.server.url}/api/v1/decisions`, {
    data: {
      concern_id: concern.id,
      recipient_organisation_id: council,
      circumstances: { purpose: 'safeguarding', risk: 'significant' },
      items: [{ id: concern.items[0].id, relevant: true, necessary: true }],
      share_items: [concern.items[0].id],
      outcome: 'share',
      rationale: "Children's services must know.",
      lawful_basis: 'public_task',
      consent: 'Not sought: it could place Wren at risk.',
      informing: { told: false, reason_not_told: 'It could place Wren at risk.' }
    }
  }))
  assert.ok(decision.disclosure_id)
  return { child: child.id, concern: concern.id, disclosure: decision.disclosure_id }
}

describe('corrections', () => {
  for (const mode of MODES) {
    test(`a person marked protected later, an item corrected after it was shared (${mode.name})`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const dsl = await signedIn(env, 'primary.dsl@demo.jigsaw', mode, visited)
      const ids = await share(dsl.page.request, mode.tag)
      const { given, family, street } = MOTHERS[mode.tag]
      const mother = `${given} ${family}`

      await dsl.page.goto(`${env.server.url}/children/${ids.child}`)
      await dsl.seen()
      await dsl.act.follow(`Correct the record of ${mother}`)
      await dsl.page.waitForURL(/\/people\/[0-9a-f]{32}\/correct$/)
      await dsl.seen()
      await dsl.act.check('Yes')
      await dsl.act.fill('Why they are protected', 'Fled to a refuge from a violent partner.')
      // No reason: the error names the question, and nothing changes.
      await dsl.act.press('Save the correction')
      await dsl.page.locator('.govuk-error-summary').waitFor()
      await dsl.seen()
      await dsl.act.fill('Why are you correcting this record?', 'We learnt today that she is in a refuge.')
      await dsl.act.press('Save the correction')
      await dsl.page.waitForURL(new RegExp(`/children/${ids.child}$`))
      await dsl.seen()
      assert.match(await dsl.page.locator('main').textContent(), /Identity protected/)
      await dsl.act.follow(`Correct the record of ${mother}`)
      await dsl.page.locator('.govuk-tag', { hasText: 'Superseded' }).first().waitFor()
      await dsl.seen()

      await dsl.page.goto(`${env.server.url}/concerns/${ids.concern}`)
      await dsl.seen()
      await dsl.act.follow('Correct this information')
      await dsl.page.waitForURL(/\/items\/[0-9a-f]{32}\/correct$/)
      await dsl.seen()
      await dsl.act.fill('The information', `Wren lives with ${mother} at 14 ${street}.`)
      await dsl.act.fill('Why are you correcting this information?', 'The house number was wrong.')
      await dsl.act.press('Save the correction')
      await dsl.page.waitForURL(new RegExp(`/concerns/${ids.concern}$`))
      await dsl.act.follow('Correct this information')
      await dsl.page.locator('.govuk-tag', { hasText: 'Superseded' }).first().waitFor()
      await dsl.seen()
      await dsl.context.close()

      const recipient = await signedIn(env, 'csc.dsl@demo.jigsaw', mode, visited)
      await recipient.page.goto(`${env.server.url}/inbox`)
      await recipient.seen()
      await recipient.page.locator('.govuk-tag', { hasText: 'Corrected since' }).first().waitFor()
      await recipient.page.goto(`${env.server.url}/disclosures/${ids.disclosure}`)
      await recipient.seen()
      assert.match(await recipient.page.locator('main').textContent(), /has since been corrected/)
      await recipient.act.follow('see the correction')
      await recipient.page.getByText('The house number was wrong.').waitFor()
      await recipient.seen()
      const main = await recipient.page.locator('main').textContent()
      for (const part of [given, family, street]) assert.ok(!main.includes(part), `${part}: marked protected before the correction was sent`)
      await recipient.context.close()
    })
  }
})
