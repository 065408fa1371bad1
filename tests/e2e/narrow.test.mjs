// The everyday pages on a phone, 375 px wide, with axe on each: a school's
// DSL with a child who has several people around them and an open concern
// (in every mode: the pointer, the keyboard alone, JavaScript off), and an
// administrator. Nothing may reach past the right edge (a wide
// table scrolls inside its own region), and the menu holds only what the
// visitor's roles can use.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, NARROW, expectAccessible, overflowing, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()
// Every mode at a phone's width, the pointer too.
const PHONE = MODES.map(m => ({ ...m, options: { ...m.options, viewport: NARROW }, narrow: m.checked }))

async function expectFits (page, path, mode) {
  const reply = await page.goto(`${env.server.url}${path}`)
  assert.equal(reply.status(), 200, `${path} answered ${reply.status()}`)
  if (!mode.checked) return
  assert.deepEqual(await overflowing(page), [], `${path} is wider than 375 px`)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 375, `${path} scrolls sideways: ${width}px`)
  await expectAccessible(page)
}

const menu = page => page.locator('.govuk-service-navigation__link').allTextContents()

async function everydayPages (mode) {
  const { context, page, act } = await signedIn(env, 'primary.dsl@demo.jigsaw', mode)
  const api = async (path, data) => {
    const reply = await page.request.post(`${env.server.url}/api/v1/${path}`, { data })
    assert.ok(reply.ok(), `${path}: ${reply.status()} ${await reply.text()}`)
    return reply.json()
  }
  const child = await api('people', {
    kind: 'child', given_name: `Maximilian-${mode.tag}`, family_name: 'Featherstonehaugh-Wainwright',
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
    await expectFits(page, path, mode)
  }
  // The relationship table pairs each person with their own relationship,
  // reached from the concern as its reader would.
  await page.goto(`${env.server.url}/concerns/${concern.id}`)
  await act.follow(`Maximilian-${mode.tag} Featherstonehaugh-Wainwright`)
  await page.waitForURL(`**/children/${child.id}`)
  const rows = await page.locator('table tr').allTextContents()
  const rowOf = name => rows.find(r => r.includes(name)) || ''
  assert.match(rowOf('Rosalind'), /Parent/)
  assert.match(rowOf('Bartholomew'), /household/i)
  assert.match(rowOf('Olive'), /Neighbour/)
  await context.close()
}

describe('narrow screens', () => {
  for (const mode of PHONE) {
    test(`a DSL's everyday pages fit 375 px and pass axe, and the relationship table pairs each person with their own relationship (${mode.name})`,
      { timeout: 180000 }, () => everydayPages(mode))
  }

  test('an administrator sees no casework menu, and the pages fit', { timeout: 120000 }, async () => {
    const { context, page } = await signedIn(env, 'csc.admin@demo.jigsaw', PHONE[0])
    assert.deepEqual(await menu(page), ['What needs you'])
    await expectFits(page, '/', PHONE[0])
    await context.close()
  })
})
