// Training in a real browser with axe on every page: a social worker with
// no training recorded is reminded on the home page, follows the link,
// sends the form with a bad date (the error summary names both dates),
// records it in the three-field date style, and sees it on their training
// page; the council's DSL sees the staff's state on the staff page.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, expectAccessible, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

async function dateFields (page, name, date) {
  await page.locator(`#${name}-day`).fill(date ? String(date.getUTCDate()) : '')
  await page.locator(`#${name}-month`).fill(date ? String(date.getUTCMonth() + 1) : '')
  await page.locator(`#${name}-year`).fill(date ? String(date.getUTCFullYear()) : '')
}

describe('training', () => {
  test('reminded on the home page, recorded with three-field dates, seen by the DSL', { timeout: 300000 }, async () => {
    const visited = new Set()
    const worker = await signedIn(env, 'csc.socialworker@demo.jigsaw', MODES[0], visited)
    const main = () => worker.page.locator('main').textContent()
    assert.match(await main(), /Your training needs updating/)
    assert.match(await main(), /Data protection training: none recorded/)

    await worker.page.locator('a[href="/training/new?kind=data_protection"]').click()
    await worker.page.waitForURL(/\/training\/new/)
    await expectAccessible(worker.page, visited)
    assert.equal(await worker.page.getByLabel('Data protection', { exact: true }).isChecked(), true)

    // No expiry date and a completion date that is not a real date: both named at once.
    await worker.act.fill('Name of the course', 'Data protection for practitioners')
    await worker.page.locator('#completed_on-day').fill('31')
    await worker.page.locator('#completed_on-month').fill('2')
    await worker.page.locator('#completed_on-year').fill('2026')
    await worker.act.press('Record training')
    const summary = worker.page.locator('.govuk-error-summary')
    await summary.waitFor()
    await expectAccessible(worker.page, visited)
    assert.match(await summary.textContent(), /completed must be a real date/)
    assert.match(await summary.textContent(), /Enter the date the training expires/)

    const today = new Date()
    const nextYear = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), 1))
    await dateFields(worker.page, 'completed_on', new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)))
    await dateFields(worker.page, 'expires_on', nextYear)
    await worker.act.press('Record training')
    await worker.page.waitForURL(/\/training\?recorded=1$/)
    await expectAccessible(worker.page, visited)
    assert.match(await main(), /Data protection for practitioners/)

    const dsl = await signedIn(env, 'csc.dsl@demo.jigsaw', MODES[0], visited)
    await dsl.act.follow("Your staff's training: who is current, expiring, lapsed or not recorded")
    await dsl.page.waitForURL(/\/training\/staff$/)
    await expectAccessible(dsl.page, visited)
    assert.match(await dsl.page.locator('main').textContent(), /Kemi Thorne/)
    await dsl.act.follow('Kemi Thorne')
    await expectAccessible(dsl.page, visited)
    assert.match(await dsl.page.locator('main').textContent(), /Data protection for practitioners/)
    await dsl.act.follow('Record training')
    await dsl.page.waitForURL(/\/training\/new\?practitioner=/)
    await expectAccessible(dsl.page, visited)
    assert.match(await dsl.page.locator('h1').textContent(), /Record training for Kemi Thorne/)
  })
})
