// The everyday pages on a phone, 375 px wide, with axe on each: a school's
// DSL with a child who has several people around them and an open concern,
// and an administrator. Nothing may reach past the right edge (a wide
// table scrolls inside its own region), and the menu holds only what the
// visitor's roles can use.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()
const NARROW = { width: 375, height: 812 }

async function signedIn (username) {
  const context = await env.browser.newContext({ viewport: NARROW })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  await page.goto(`${env.server.url}/sign-in`)
  await signIn(pointer(page), username)
  await page.locator('h1', { hasText: 'What needs you' }).waitFor()
  return { context, page }
}

// What reaches past 375 px, outside a scrolling region and the visually
// hidden text GOV.UK positions off-screen on purpose.
async function overflowing (page) {
  return page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter(el => !el.closest('.govuk-visually-hidden, [hidden]') && !el.parentElement?.closest('.jigsaw-table-scroll') &&
                  el.getClientRects().length > 0 && el.getBoundingClientRect().right > 375.5)
    .map(el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}: ` +
               `${Math.round(el.getBoundingClientRect().right)}px "${(el.textContent || '').trim().slice(0, 40)}"`))
}

async function expectFits (page, path) {
  const reply = await page.goto(`${env.server.url}${path}`)
  assert.equal(reply.status(), 200, `${path} answered ${reply.status()}`)
  assert.deepEqual(await overflowing(page), [], `${path} is wider than 375 px`)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 375, `${path} scrolls sideways: ${width}px`)
  await expectAccessible(page)
}

const menu = page => page.locator('.govuk-service-navigation__link').allTextContents()

describe('narrow screens', () => {
  test('a DSL\'s everyday pages fit 375 px and pass axe', { timeout: 180000 }, async () => {
    const { context, page } = await signedIn('primary.dsl@demo.jigsaw')
    const api = async (path, data) => {
      const reply = await page.request.post(`${env.server.url}/api/v1/${path}`, { data })
      assert.ok(reply.ok(), `${path}: ${reply.status()} ${await reply.text()}`)
      return reply.json()
    }
    const child = await api('people', {
      kind: 'child', given_name: 'Maximilian-Alexander', family_name: 'Featherstonehaugh-Wainwright',
      date_of_birth: '2015-06-07', address: '27 Long Meadow Road, Brackenford', postcode: 'BF3 9QT'
    })
    for (const [given, personKind, kind, extra] of [['Rosalind', 'parent', 'parent', {}],
      ['Bartholomew', 'associated_adult', 'household_member', {}],
      ['Olive', 'third_party', 'neighbour', { protected: true, protected_reason: 'Fears reprisal' }]]) {
      const person = await api('people', { kind: personKind, given_name: given, family_name: 'Featherstonehaugh-Wainwright', ...extra })
      await api('relationships', { person_id: person.id, related_person_id: child.id, kind })
    }
    const concern = await api('concerns', {
      child_id: child.id, forms: ['neglect', 'emotional_abuse'], level: 'significant_harm',
      what_happened: 'Arrived without a coat in the snow, again.',
      items: [{ text: 'Attendance 71% this term; late most Mondays.', source: 'attendance officer', date: '2026-11-20', accuracy: 'verified' }]
    })

    assert.deepEqual(await menu(page), ['What needs you', 'Record a concern', 'Shared with us', 'Information requests', 'Advice'])
    for (const path of ['/', `/children/${child.id}`, `/concerns/${concern.id}`, '/caseload', '/inbox',
      '/information-requests', '/advice', '/concerns/new']) {
      await expectFits(page, path)
    }
    // The relationship table pairs each person with their own relationship.
    await page.goto(`${env.server.url}/children/${child.id}`)
    const rows = await page.locator('table tr').allTextContents()
    const rowOf = name => rows.find(r => r.includes(name)) || ''
    assert.match(rowOf('Rosalind'), /Parent/)
    assert.match(rowOf('Bartholomew'), /household/i)
    assert.match(rowOf('Olive'), /Neighbour/)
    await context.close()
  })

  test('an administrator sees no casework menu, and the pages fit', { timeout: 120000 }, async () => {
    const { context, page } = await signedIn('csc.admin@demo.jigsaw')
    assert.deepEqual(await menu(page), ['What needs you'])
    await expectFits(page, '/')
    await context.close()
  })
})
