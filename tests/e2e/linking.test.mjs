// Linking in a real browser, with the pointer and axe on every page: a
// social worker records a child their service already knows under another
// name, reviews the possible match (both records and the explanation),
// confirms it, reads the multi-agency chronology and its printable form,
// and undoes the link.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, screenshot, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()

describe('linking', () => {
  test('a possible match is reviewed, confirmed, seen in the chronology and undone', { timeout: 300000 }, async () => {
    const context = await env.browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(10000)
    const act = pointer(page)
    const visited = new Set()
    const seen = async name => {
      await page.waitForLoadState()
      await expectAccessible(page, visited)
      if (name) await screenshot(page, name)
    }
    const addChild = async (given, family) => {
      await page.goto(`${env.server.url}/children/new`)
      await act.fill('First name', given)
      await act.fill('Last name', family)
      await act.fill('Day', '14')
      await act.fill('Month', '6')
      await act.fill('Year', '2015')
      await act.press('Save and continue')
      await page.locator('h1').waitFor()
      return page.url().match(/children\/([0-9a-f]{32})/)[1]
    }

    await page.goto(`${env.server.url}/sign-in`)
    await signIn(act, 'csc.socialworker@demo.jigsaw')
    await page.locator('h1', { hasText: 'What needs you' }).waitFor()
    const william = await addChild('William', 'Fairbrother')
    await addChild('Bill', 'Fairbrother')

    // The match waits for a person.
    await page.goto(`${env.server.url}/matches`)
    await page.locator('h1', { hasText: 'Possible matches' }).waitFor()
    await seen('matches')
    await page.getByRole('link', { name: /^Review/ }).first().click()
    await page.locator('h1', { hasText: 'Is this the same child?' }).waitFor()
    await seen('match-review')
    const table = page.locator('table', { hasText: 'How the two records compare' })
    assert.match(await table.textContent(), /Nickname/)
    assert.match(await page.locator('main').textContent(), /Probability that they are the same child/)

    // A decision is required.
    await act.press('Save decision')
    await page.locator('.govuk-error-summary').waitFor()
    await seen()
    await act.check('Yes, they are the same child')
    await act.press('Save decision')
    await page.locator('h1', { hasText: 'Multi-agency chronology' }).waitFor()
    await seen('multi-agency-chronology')
    assert.match(await page.locator('main').textContent(), /Linked by a person/)

    await act.follow('Printable version')
    await page.locator('h1', { hasText: 'Multi-agency chronology' }).waitFor()
    await seen()
    assert.match(await page.locator('main').textContent(), /OFFICIAL-SENSITIVE/)

    // Undone from the review page.
    await page.goto(`${env.server.url}/children/${william}/picture`)
    await page.getByRole('link', { name: /^Review/ }).first().click()
    await page.locator('h1', { hasText: 'Is this the same child?' }).waitFor()
    await act.press('Undo this link')
    await page.locator('.govuk-tag', { hasText: 'Link undone' }).waitFor()
    await seen()
    await context.close()
  })
})
