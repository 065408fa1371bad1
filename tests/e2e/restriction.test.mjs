// Restriction of processing and objection (docs/rights.md, "Restriction
// (Article 18) and objection (Article 21)"), in a real browser in every
// mode (MODES: the pointer with axe on every page; the keyboard alone at
// 375 px; JavaScript off at 375 px): the council's DPO opens "Restrictions
// and objections" from the data protection workspace, restricts a child's
// records (a missing reason is named in the error summary), and the social
// worker who recorded the child meets "These records are restricted" with
// the date and no reason; the DPO records an objection made by the child's
// mother, decides it is not upheld (a missing decision is named), and lifts
// the restriction with a reason; the worker sees the child again, with the
// objection's decision on the record.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

// A child and a concern recorded by the council's social worker through the
// JSON API with the browser's own session; returns the child's id.
async function child (request, name) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const recorded = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: name, family_name: 'Restall', date_of_birth: '2014-07-08' }
  }))
  await ok(await request.post(`${env.server.url}/api/v1/concerns`, {
    data: { child_id: recorded.id, forms: ['neglect'], level: 'low', what_happened: 'Often left without food.' }
  }))
  return recorded.id
}

describe('restriction and objection', () => {
  for (const mode of MODES) {
    test(`the DPO restricts a child's records, decides an objection and lifts it ${mode.name}`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const name = `${mode.tag}lyn`
      const worker = await signedIn(env, 'csc.socialworker@demo.jigsaw', mode, visited)
      const id = await child(worker.context.request, name)
      const person = `${name} Restall (child), born 8 July 2014`

      const dpo = await signedIn(env, 'csc.dpo@demo.jigsaw', mode, visited)
      const { page, act, seen } = dpo
      const main = () => page.locator('main').textContent()
      await page.goto(`${env.server.url}/dpo`)
      await seen()
      await act.follow('Restrictions and objections')
      await page.waitForURL(/\/restrictions$/)
      await seen()

      await act.follow("Restrict a person's records")
      await page.waitForURL(/\/restrictions\/new$/)
      await seen()
      await act.choose('Whose records?', person)
      await act.press('Restrict records')
      const summary = page.locator('.govuk-error-summary')
      await summary.waitFor()
      await seen()
      assert.match(await summary.textContent(), /Enter why processing must be restricted/)
      await act.fill('Why must processing be restricted?', `The family contest ${name}'s record`)
      await act.press('Restrict records')
      await page.waitForURL(/\/restrictions\?done=restricted$/)
      await seen()
      assert.match(await main(), new RegExp(`${name} Restall`))
      assert.match(await main(), /Restricted/)

      // The worker who recorded the child meets the notice, never the reason.
      await worker.page.goto(`${env.server.url}/children/${id}`)
      await worker.seen()
      const refused = await worker.page.locator('main').textContent()
      assert.match(refused, /These records are restricted/)
      assert.match(refused, /Records restricted by the data protection officer on/)
      assert.doesNotMatch(refused, /contest/)
      assert.doesNotMatch(refused, new RegExp(name))

      await act.follow('Record an objection')
      await page.waitForURL(/\/objections\/new$/)
      await seen()
      await act.choose('Whose objection?', person)
      await act.fill(page.locator('#received_on-day'), '20')
      await act.fill(page.locator('#received_on-month'), '11')
      await act.fill(page.locator('#received_on-year'), '2026')
      await act.check('Someone on their behalf')
      await act.fill('If someone objected on their behalf, who?', `${name}'s mother`)
      await act.fill('The grounds, in their words', 'The council should not keep this.')
      await act.press('Record objection')
      await page.waitForURL(/\/restrictions\?done=objection$/)
      await seen()
      assert.match(await main(), /Awaiting your decision/)

      await act.use(page.locator('a[href$="/decide"]'))
      await page.waitForURL(/\/decide$/)
      await seen()
      await act.press('Record decision')
      await summary.waitFor()
      await seen()
      assert.match(await summary.textContent(), /Select whether the objection is upheld/)
      await act.check('Not upheld')
      await act.fill('Your reasons', `${name} needs the council to keep acting on this.`)
      await act.press('Record decision')
      await page.waitForURL(/\/restrictions\?done=decided$/)
      await seen()
      assert.match(await main(), /Not upheld/)

      await act.use(page.locator('a[href$="/lift"]'))
      await page.waitForURL(/\/lift$/)
      await seen()
      await act.fill('Why can the restriction be lifted?', 'The record was checked with the family.')
      await act.press('Lift restriction')
      await page.waitForURL(/\/restrictions\?done=lifted$/)
      await seen()
      assert.equal(await page.locator('a[href$="/lift"]').count(), 0)
      assert.match(await main(), /Lifted/)
      await dpo.context.close()

      await worker.page.goto(`${env.server.url}/children/${id}`)
      await worker.seen()
      const record = await worker.page.locator('main').textContent()
      assert.match(record, new RegExp(`${name} Restall`))
      assert.match(record, /Objection received on 20 November 2026/)
      assert.match(record, /Not upheld/)
      await worker.context.close()
    })
  }
})
