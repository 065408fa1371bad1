// Keeping records, in a real browser in every mode (MODES: the pointer with
// axe on every page; the keyboard alone at 375 px; JavaScript off at
// 375 px): the council's DPO finds "Keeping records" in the menu, sees
// that nothing is due yet and the schedule with the source of each
// period, changes how long advice requests are kept, places a legal hold
// on a concern (a missing reason is named in the error summary), lifts it
// with a reason, and records an erasure request refused with its reason,
// which is listed.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

// A concern recorded by the council's social worker through the JSON API
// with the browser's own session; returns the child's and concern's ids.
async function concern (request, name) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const child = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: name, family_name: 'Hollins', date_of_birth: '2013-05-06' }
  }))
  const recorded = await ok(await request.post(`${env.server.url}/api/v1/concerns`, {
    data: { child_id: child.id, forms: ['neglect'], level: 'low', what_happened: 'Left alone at home.', items: [{ text: 'Alone overnight.', source: 'neighbour' }] }
  }))
  return { child: child.id, concern: recorded.id }
}

describe('keeping records', () => {
  for (const mode of MODES) {
    test(`the DPO's review, schedule, legal holds and erasure requests ${mode.name}`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const worker = await signedIn(env, 'csc.socialworker@demo.jigsaw', MODES[0])
      const ids = await concern(worker.context.request, `${mode.tag}ina`)
      await worker.context.close()

      const dpo = await signedIn(env, 'csc.dpo@demo.jigsaw', mode, visited)
      const { page, act, seen } = dpo
      const main = () => page.locator('main').textContent()
      if (mode.narrow) await page.goto(`${env.server.url}/retention`)
      else await act.follow('Keeping records')
      await page.waitForURL(/\/retention$/)
      await seen()
      assert.match(await main(), /Records due for destruction/)
      assert.match(await main(), /No records are due/)

      await act.follow('Retention schedule')
      await page.waitForURL(/\/retention\/schedule$/)
      await seen()
      assert.match(await main(), /35 years after the last time anything was added or changed/)
      assert.match(await main(), /IRMS Retention Guidelines for Local Government/)
      await act.use(page.locator('a[href="/retention/schedule/advice_request"]'))
      await page.waitForURL(/\/retention\/schedule\/advice_request$/)
      await seen()
      await act.fill('Years', '7')
      await act.press('Save')
      await page.waitForURL(/\/retention\/schedule$/)
      await seen()
      assert.match(await main(), /for 7 years after the last time anything was added or changed/)

      await act.follow('Legal holds')
      await page.waitForURL(/\/legal-holds$/)
      await seen()
      await act.check('One concern')
      await act.fill('Reference of the child or concern', ids.concern)
      await act.press('Place legal hold')
      const summary = page.locator('.govuk-error-summary')
      await summary.waitFor()
      await seen()
      assert.match(await summary.textContent(), /Enter why the records must be kept/)
      await act.fill('Why must the records be kept?', `Inquiry into ${mode.tag} Lane`)
      await act.press('Place legal hold')
      await page.waitForURL(/\/legal-holds\?done=held$/)
      await seen()
      assert.match(await main(), new RegExp(`Inquiry into ${mode.tag} Lane`))

      await act.use(page.locator('a[href$="/lift"]'))
      await page.waitForURL(/\/lift$/)
      await seen()
      await act.fill('Why can the hold be lifted?', 'The inquiry has reported.')
      await act.press('Lift legal hold')
      await page.waitForURL(/\/legal-holds\?done=lifted$/)
      await seen()
      assert.equal(await page.locator('a[href$="/lift"]').count(), 0)

      await act.follow('Erasure requests')
      await page.waitForURL(/\/erasure-requests$/)
      await seen()
      await act.follow('Record an erasure request')
      await page.waitForURL(/\/erasure-requests\/new$/)
      await seen()
      await act.fill('Reference of the person', ids.child)
      await act.fill('Who asked?', "The child's mother")
      await act.fill(page.locator('#received_on-day'), '20')
      await act.fill(page.locator('#received_on-month'), '11')
      await act.fill(page.locator('#received_on-year'), '2026')
      await act.check('Refuse: needed for our safeguarding duties, a public task (Article 17(3)(b))')
      await act.fill('Your reasons', `Kept while ${mode.tag}ina is open to us.`)
      await act.press('Record decision')
      await page.waitForURL(/\/erasure-requests\?done=decided$/)
      await seen()
      assert.match(await main(), new RegExp(`Kept while ${mode.tag}ina is open to us.`))
      assert.match(await main(), /Refused/)
      await dpo.context.close()
    })
  }
})
