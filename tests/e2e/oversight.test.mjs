// Oversight in a real browser, in each of the MODES (support.mjs): children's
// services' DPO follows the link from the home page, sees the figures and
// the monthly charts (each an image named by its title, with its data as a
// table beside it), chooses the last 3 months and then dates of their own,
// and downloads the CSV, which names nobody. Axe checks every page; a
// practitioner is not offered the page and is refused it.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

import { MODES, signedIn, serverAndBrowser } from './support.mjs'

const env = serverAndBrowser()

const CHARTS = [
  'Concerns raised each month',
  'Decisions to share each month',
  'Decisions not to share each month',
  'Information shared with you each month',
  'Information requests received each month',
  'Advice requests each month'
]

// Each chart: an SVG image named by its title, and a table of one row per month.
async function checkCharts (page, months) {
  for (const title of CHARTS) {
    const figure = page.locator('figure', { has: page.locator('figcaption', { hasText: title }) })
    await assert.doesNotReject(figure.getByRole('img', { name: title }).waitFor(), title)
    const table = figure.getByRole('table', { name: `Data for: ${title}` })
    const rows = table.locator('tbody tr')
    assert.equal(await rows.count(), months, `${title}: a row per month`)
    const first = await rows.first().locator('td').allTextContents()
    assert.match(first[0], /^[A-Z][a-z]{2} \d{4}$/, `${title}: the month`)
    assert.match(first[1], /^\d+$/, `${title}: the count`)
    const desc = await figure.locator('svg desc').textContent()
    assert.ok(desc.startsWith(title), `${title}: its text alternative`)
  }
}

describe('oversight', () => {
  for (const mode of MODES) {
    test(`the DPO reads the figures and charts and downloads the CSV, ${mode.name}`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const dpo = await signedIn(env, 'csc.dpo@demo.jigsaw', mode, visited)
      await dpo.act.follow("Oversight: your organisation's sharing in figures")
      await dpo.page.waitForURL(/\/oversight$/)
      await dpo.seen()
      assert.match(await dpo.page.locator('h1').textContent(), /Oversight/)
      assert.match(await dpo.page.locator('main').textContent(), /Counts only: no child or other person is named/)
      await checkCharts(dpo.page, 12)

      await dpo.act.follow('Last 3 months')
      await dpo.page.waitForURL(/\/oversight\?months=3$/)
      await dpo.seen()
      await checkCharts(dpo.page, 3)

      // Dates of one's own: from 1 January to 31 March of last year.
      const year = String(new Date().getUTCFullYear() - 1)
      for (const [field, value] of [['from-day', '1'], ['from-month', '1'], ['from-year', year],
        ['to-day', '31'], ['to-month', '3'], ['to-year', year]]) {
        await dpo.act.fill(dpo.page.locator(`#${field}`), value)
      }
      await dpo.act.press('Show figures for these dates')
      await dpo.page.waitForURL(/\/oversight\?/)
      await dpo.seen()
      assert.match(await dpo.page.locator('main').textContent(), new RegExp(`1 January ${year} to 31 March ${year}`))
      await checkCharts(dpo.page, 3)

      // The partnership's figures, for children's services.
      await dpo.act.follow('See the figures across the partnership for this period')
      await dpo.page.waitForURL(/scope=partnership/)
      await dpo.seen()
      assert.match(await dpo.page.locator('h1').textContent(), /Oversight across the partnership/)
      await checkCharts(dpo.page, 3)

      const [download] = await Promise.all([
        dpo.page.waitForEvent('download'),
        dpo.act.use(dpo.page.getByRole('link', { name: 'Download these figures (CSV)' }))
      ])
      const csv = readFileSync(await download.path(), 'utf8')
      assert.ok(csv.startsWith('"figure","month","value"\r\n'), csv.slice(0, 60))
      assert.match(csv, /"scope","","partnership"/)
      assert.match(csv, new RegExp(`"months.concerns_raised","${year}-01","\\d+"`))
      for (const name of ['Kemi', 'Thorne', 'Mina', 'Okafor', 'Lars', 'Wendell', 'Ada Fernsby']) {
        assert.ok(!csv.includes(name), `the CSV names ${name}`)
      }
      await dpo.context.close()
    })
  }

  test('a practitioner is not offered the page and is refused it', { timeout: 120000 }, async () => {
    const visited = new Set()
    const worker = await signedIn(env, 'csc.socialworker@demo.jigsaw', MODES[0], visited)
    assert.equal(await worker.page.locator('a[href="/oversight"]').count(), 0)
    const reply = await worker.page.goto(`${env.server.url}/oversight`)
    assert.equal(reply.status(), 403)
    await worker.seen()
    await worker.context.close()
  })
})
