// Subject access and the DPO's workspace, in a real browser with axe on
// every page (docs/rights.md): the council's DPO reaches their workspace
// from the home page, opens a request for a mother chosen from the
// council's records (a date and how her identity was checked are
// required), reads what is held with her protected former partner and the
// child withheld, decides on each piece that may be exempt (the
// confidential item withheld under an exemption), releases, and reads the
// release as a printable page; the workspace shows the request with its
// deadline. In every mode: pointer; keyboard alone at 375 px; JavaScript off.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, screenshot, serverAndBrowser, signedIn } from './support.mjs'

const env = serverAndBrowser()

// A family of each mode's own.
const FAMILIES = {
  Ash: { child: 'Wren', mother: 'Olive Pratchett', father: 'Victor Crane' },
  Birch: { child: 'Moss', mother: 'Petra Quillfeather', father: 'Silas Brandt' },
  Cedar: { child: 'Fern', mother: 'Ruth Stannard', father: 'Oscar Pike' }
}

// A few days ago, as the UK dates it.
function daysAgo (n) {
  const d = new Date(Date.now() - n * 86400000)
  const [day, month, year] = d.toLocaleDateString('en-GB', { timeZone: 'Europe/London' }).split('/')
  return { day: String(Number(day)), month: String(Number(month)), year }
}

// Through the JSON API with the social worker's session.
async function record (request, tag) {
  const ok = async reply => { assert.ok(reply.ok(), `${reply.status()} ${await reply.text()}`); return reply.json() }
  const f = FAMILIES[tag]
  const [motherGiven, motherFamily] = f.mother.split(' ')
  const [fatherGiven, fatherFamily] = f.father.split(' ')
  const child = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'child', given_name: f.child, family_name: 'Astley', date_of_birth: '2014-03-04' }
  }))
  const mother = await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: { kind: 'parent', given_name: motherGiven, family_name: motherFamily, related_to: { person_id: child.id, kind: 'parent' } }
  }))
  await ok(await request.post(`${env.server.url}/api/v1/people`, {
    data: {
      kind: 'associated_adult', given_name: fatherGiven, family_name: fatherFamily, protected: true,
      protected_reason: 'She fled from him.', related_to: { person_id: child.id, kind: 'parent' }
    }
  }))
  await ok(await request.post(`${env.server.url}/api/v1/concerns`, {
    data: {
      child_id: child.id,
      forms: ['domestic_abuse'],
      level: 'significant_harm',
      what_happened: `${f.mother} said ${f.father} shouted at ${f.child}.`,
      items: [
        { person_id: mother.id, text: `${f.mother} is afraid of ${f.father}.`, source: 'a neighbour', confidential: true, identifies: [mother.id] },
        { person_id: mother.id, text: `${f.mother} went to every session of the parenting course.`, source: 'family support worker' }
      ]
    }
  }))
  return { mother: mother.id }
}

describe('subject access', () => {
  for (const mode of MODES) {
    test(`a DPO answers a mother's subject access request (${mode.name})`, { timeout: 300000 }, async () => {
      const visited = new Set()
      const f = FAMILIES[mode.tag]
      const worker = await signedIn(env, 'csc.socialworker@demo.jigsaw', mode, visited)
      await record(worker.page.request, mode.tag)
      await worker.context.close()

      const dpo = await signedIn(env, 'csc.dpo@demo.jigsaw', mode, visited)
      await dpo.act.follow('Your data protection work: subject access requests, recalls and what is due this week')
      await dpo.page.waitForURL(/\/dpo$/)
      await dpo.seen()
      if (mode.checked) await screenshot(dpo.page, `dpo-workspace${mode.narrow ? '-375' : ''}`)
      await dpo.act.follow('Open a subject access request')
      await dpo.page.waitForURL(/\/subject-access\/new$/)
      await dpo.seen()
      // Nothing said about identity: the error names the question.
      await dpo.act.choose('Whose information is asked for?', `${f.mother} (parent)`)
      const received = daysAgo(3)
      await dpo.act.fill('Day', received.day)
      await dpo.act.fill('Month', received.month)
      await dpo.act.fill('Year', received.year)
      await dpo.act.press('Open the request')
      await dpo.page.locator('.govuk-error-summary').waitFor()
      await dpo.seen()
      await dpo.act.check('Identity documents and proof of address seen')
      await dpo.act.fill('What was seen, or who vouched for them', 'Passport and a council tax bill, seen at reception.')
      await dpo.act.press('Open the request')
      await dpo.page.waitForURL(/\/subject-access\/[0-9a-f]{32}$/)
      await dpo.seen()
      if (mode.checked) await screenshot(dpo.page, `subject-access-request${mode.narrow ? '-375' : ''}`)
      const held = await dpo.page.locator('main').textContent()
      assert.ok(held.includes(f.mother), 'her own name is hers to read')
      for (const other of [...f.father.split(' '), f.child]) assert.ok(!held.includes(other), `${other} is not withheld`)

      // Each piece that may be exempt: the confidential item withheld, the rest released.
      for (let round = 0; round < 10; round++) {
        const card = dpo.page.locator('.govuk-summary-card', { has: dpo.page.locator('.govuk-tag', { hasText: 'Decision needed' }) }).first()
        if (await card.count() === 0) break
        const confidential = (await card.textContent()).includes('afraid')
        await dpo.act.check(card.getByLabel(confidential ? 'Withhold it' : 'Release it', { exact: true }))
        if (confidential) await dpo.act.choose(card.getByLabel('Exemption, if withheld', { exact: true }), 'Given in confidence (DPA 2018 Schedule 2 paragraphs 16 and 17)')
        await dpo.act.fill(card.getByLabel('Your reason', { exact: true }), confidential ? 'A neighbour gave it in confidence.' : 'Nobody else is identifiable from it.')
        await Promise.all([dpo.page.waitForNavigation(), dpo.act.use(card.getByRole('button', { name: 'Record the decision' }))])
        await dpo.seen()
      }
      await dpo.act.press('Release')
      await dpo.page.waitForURL(/\/subject-access\/[0-9a-f]{32}\/released$/)
      await dpo.seen()
      if (mode.checked) await screenshot(dpo.page, `subject-access-released${mode.narrow ? '-375' : ''}`)
      const released = await dpo.page.locator('main').textContent()
      assert.ok(released.includes('parenting course'))
      assert.ok(!released.includes('afraid'), 'what the DPO withheld was released')
      assert.ok(!released.includes(f.father.split(' ')[1]))

      await dpo.page.goto(`${env.server.url}/dpo`)
      await dpo.seen()
      assert.ok((await dpo.page.locator('main').textContent()).includes(f.mother))
      assert.deepEqual([...visited].sort().filter(p => p.startsWith('/dpo') || p.startsWith('/subject-access')),
        mode.checked ? ['/dpo', '/subject-access/new', '/subject-access/{id}', '/subject-access/{id}/released'] : [])
      await dpo.context.close()
    })
  }
})
