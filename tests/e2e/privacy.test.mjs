// Privacy information and the agreement's withdraw and review pages, in a
// real browser in every mode (support.mjs MODES), with axe on every page
// where scripts run: a visitor who has not signed in follows the footer's
// "Privacy information" to the partnership's organisations, reads the
// primary school's notice (its active agreement with children's services
// and the bases it relies on) and the version for children; children's
// services' senior leader records a review of an agreement (the error
// summary first) and withdraws it with a reason on its own page
// (docs/governance.md).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, expectAccessible, overflowing, screenshot, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()
const PRIMARY = 'Brackenford Primary School (demo)'
const AGREEMENT = "Brackenford schools and children's services safeguarding information sharing agreement (demo)"

// A page without a session, worked in `mode`.
async function visitor (mode, visited) {
  const context = await env.browser.newContext(mode.options)
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const seen = async () => {
    await page.waitForLoadState()
    if (!mode.checked) return
    await expectAccessible(page, visited)
    if (mode.narrow) assert.deepEqual(await overflowing(page), [], `${page.url()} is wider than 375 px`)
  }
  return { context, page, act: mode.act(page), seen }
}

// An agreement of children's services' with the primary school, recorded
// and signed for children's services through the API with the browser's session.
async function agreement (request, tag) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const organisations = await ok(await request.get(`${env.server.url}/api/v1/organisations`))
  const id = name => organisations.organisations.find(o => o.name.startsWith(name)).id
  const today = new Date().toISOString().slice(0, 10)
  const made = await ok(await request.post(`${env.server.url}/api/v1/agreements`, {
    data: {
      title: `Early help agreement ${tag}`,
      party_organisation_ids: [id('Brackenford Council'), id('Brackenford Primary')],
      purposes: ['early_help'],
      data_categories: ['Attendance'],
      people_categories: ['child'],
      lawful_bases: ['public_task'],
      frequency: 'regular',
      start_on: today,
      review_on: today,
      document_reference: `EH-${tag}`
    }
  }))
  await ok(await request.post(`${env.server.url}/api/v1/agreements/${made.id}/signatures`, { data: {} }))
  return made.id
}

describe('privacy information', () => {
  for (const mode of MODES) {
    test(`the public notices, from the footer (${mode.name})`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const v = await visitor(mode, visited)
      const main = () => v.page.locator('main').textContent()
      await v.page.goto(`${env.server.url}/sign-in`)
      await v.seen()
      await v.act.follow('Privacy information')
      await v.page.waitForURL(/\/privacy$/)
      await v.seen()
      assert.match(await main(), /Brackenford Constabulary \(demo\)/)
      await v.act.follow(`Privacy notice for ${PRIMARY}`)
      await v.page.waitForURL(/\/privacy\/[0-9a-f]{32}$/)
      await v.seen()
      const notice = await main()
      assert.match(notice, /Privacy notice: sharing information to keep children safe/)
      assert.ok(notice.includes(AGREEMENT), 'the demo agreement, active today')
      assert.match(notice, /Brackenford Council Children's Services \(demo\)/)
      assert.match(notice, /Public task \(Article 6\(1\)\(e\)\)/)
      assert.match(notice, /Legal obligation \(Article 6\(1\)\(c\)\)/)
      assert.match(notice, /Substantial public interest \(Article 9\(2\)\(g\)\)/)
      assert.match(notice, /Until the child's 25th birthday/)
      assert.match(notice, /The right of access/)
      assert.doesNotMatch(notice, /Sol Everly|Lars Wendell|Mina Okafor-Vale/, 'no member of staff is named')
      await screenshot(v.page, `privacy-notice-${mode.tag}`)
      await v.act.follow('Read the version for children and young people')
      await v.page.waitForURL(/\/children$/)
      await v.seen()
      const children = await main()
      assert.match(children, /Your information: how we keep you safe/)
      assert.match(children, /Keeping children safe is part of our job\./)
      assert.match(children, /Childline/)
      await screenshot(v.page, `privacy-children-${mode.tag}`)
      await v.context.close()
      if (mode.checked) assert.deepEqual([...visited].sort(), ['/privacy', '/privacy/{id}', '/privacy/{id}/children', '/sign-in'])
    })

    test(`an agreement reviewed, then withdrawn with a reason (${mode.name})`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const leader = await signedIn(env, 'csc.dsl@demo.jigsaw', mode, visited)
      const main = () => leader.page.locator('main').textContent()
      const id = await agreement(leader.page.request, mode.tag)
      await leader.page.goto(`${env.server.url}/agreements/${id}`)
      await leader.seen()
      assert.match(await main(), /Review due/)

      await leader.act.follow('Record a review')
      await leader.page.waitForURL(/\/review$/)
      await leader.seen()
      await leader.act.press('Record the review')
      const summary = leader.page.locator('.govuk-error-summary')
      await summary.waitFor()
      await leader.seen()
      assert.match(await summary.textContent(), /Enter the date of the next review/)
      const next = new Date(Date.now() + 365 * 24 * 3600 * 1000)
      await leader.act.fill('What did the review find?', 'Still describes the sharing; contacts updated.')
      await leader.act.fill('Day', String(next.getUTCDate()))
      await leader.act.fill('Month', String(next.getUTCMonth() + 1))
      await leader.act.fill('Year', String(next.getUTCFullYear()))
      await leader.act.press('Record the review')
      await leader.page.waitForURL(/\?reviewed=1$/)
      await leader.seen()
      assert.match(await main(), /Review recorded/)
      assert.match(await main(), /Still describes the sharing; contacts updated\./)
      assert.doesNotMatch(await main(), /Review due/)

      await leader.act.follow('Withdraw the agreement')
      await leader.page.waitForURL(/\/withdraw$/)
      await leader.seen()
      assert.match(await main(), /covers no sharing/)
      await leader.act.press('Withdraw the agreement')
      await summary.waitFor()
      await leader.seen()
      assert.match(await summary.textContent(), /Say why the agreement is withdrawn/)
      await leader.act.fill('Why is it withdrawn?', 'Replaced by the partnership-wide agreement.')
      await leader.act.press('Withdraw the agreement')
      await leader.page.waitForURL(/\?withdrawn=1$/)
      await leader.seen()
      assert.match(await main(), /Withdrawn/)
      assert.match(await main(), /Replaced by the partnership-wide agreement\./)
      await screenshot(leader.page, `agreement-withdrawn-${mode.tag}`)
      await leader.context.close()
    })
  }
})
