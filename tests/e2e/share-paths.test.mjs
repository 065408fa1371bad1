// Two paths through sharing that once went wrong or must never wait, in a
// real browser, each worked in every mode (support.mjs MODES: the pointer;
// the keyboard alone at 375 px; JavaScript off at 375 px), with axe and the
// width check on every page where scripts run:
// - a DSL leaves a field blank on "Your decision": the same page comes back
//   with the error beside the field (it once became a dead end); corrected,
//   the share goes, with the concern's own account offered by default;
// - a teacher at a school whose staff share through the DSL shares in an
//   emergency: it is sent at once, never held, and the DSL is told.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, serverAndBrowser, signedIn } from './support.mjs'

const CSC = "Brackenford Council Children's Services (demo)"
const env = serverAndBrowser()

// A child and a concern about them, through the API with the page's session.
async function concernAbout (page, given, whatHappened, item) {
  const post = async (path, data) => {
    const reply = await page.request.post(`${env.server.url}/api/v1/${path}`, { data })
    assert.ok(reply.ok(), `${path}: ${reply.status()} ${await reply.text()}`)
    return reply.json()
  }
  const child = await post('people', { kind: 'child', given_name: given, family_name: 'Ashdown', date_of_birth: '2016-02-03' })
  return post('concerns', {
    child_id: child.id, forms: ['neglect'], level: 'significant_harm', what_happened: whatHappened,
    items: [{ text: item, source: 'class teacher', date: '2026-11-27', accuracy: 'verified' }]
  })
}

async function deadEndPath (mode) {
  const { context, page, act, seen } = await signedIn(env, 'primary.dsl@demo.jigsaw', mode)
  const item = 'Came to school without a coat in the snow on three days this week.'
  const concern = await concernAbout(page, 'Wren', 'Shivering at the gate at 8am; said there was no heating at home.', item)
  await page.goto(`${env.server.url}/concerns/${concern.id}`)
  await act.follow('Should I share?')
  const answer = async label => {
    await act.check(label)
    await seen()
    await act.press('Continue')
  }
  await answer(CSC)
  await answer('To keep the child safe from harm')
  await answer('No')
  await answer('A one-off')
  await answer('No, consent has not been asked for')
  await answer('No one has objected')
  await answer('No, telling them could put the child at more risk')
  await answer(item)
  await answer('No')
  await page.locator('h1', { hasText: 'What the advice says' }).waitFor()
  await seen()
  await act.follow('Record your decision')
  const decisionUrl = page.url()

  // Share, with the reason left blank.
  await act.check('Share the information')
  await act.check('Public task (Article 6(1)(e))')
  await act.press('Continue')
  const summary = page.locator('.govuk-error-summary')
  await summary.waitFor()
  await seen()
  assert.equal(new URL(page.url()).pathname, new URL(decisionUrl).pathname, 'the decision page comes back, not a dead end')
  assert.match(await page.title(), /^Error: /)
  await act.use(summary.locator('a').first())
  if (mode.checked) {
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA')
  } else {
    assert.match(page.url(), /#/, 'without scripts the link still leads to the field')
  }
  assert.ok(await page.getByLabel('Share the information', { exact: true }).isChecked(), 'what was chosen is kept')

  // Corrected: on to the items, where the concern's own account is offered too.
  await act.fill('Why have you decided this?', 'Neglect in winter: children\'s services need to know now.')
  await act.press('Continue')
  await seen()
  const preview = await page.locator('.jigsaw-preview').textContent()
  assert.match(preview, /Shivering at the gate/, 'the concern\'s own account goes by default')
  assert.match(preview, /without a coat/)
  await act.press('Continue')
  await seen()
  await act.press('Confirm and share')
  await page.locator('.govuk-panel__title', { hasText: 'Information shared' }).waitFor()
  await seen()
  // The decision page no longer answers with an error for this concern.
  const again = await page.goto(`${env.server.url}/concerns/${concern.id}/share/decision`)
  assert.ok(again.status() < 400, `the decision page answered ${again.status()} after sharing`)
  await context.close()
}

async function emergencyShare (mode) {
  const given = `Linnet-${mode.tag}`
  const teacher = await signedIn(env, 'primary.teacher@demo.jigsaw', mode)
  const concern = await concernAbout(teacher.page, given, 'Said her stepfather would hurt her if she went home tonight.',
    'Disclosed at 3pm that she is afraid to go home.')
  await teacher.page.goto(`${env.server.url}/concerns/${concern.id}`)
  await teacher.act.follow('Share now in an emergency')
  await teacher.seen()
  // Nothing chosen but the default: the page says what is missing, together.
  await teacher.act.press('Share now')
  await teacher.page.locator('.govuk-error-summary').waitFor()
  await teacher.seen()
  await teacher.act.check(CSC)
  await teacher.act.fill('What is the emergency?', 'She is afraid to go home tonight.')
  await teacher.act.press('Share now')
  await teacher.page.locator('.govuk-panel__title', { hasText: 'Information shared' }).waitFor()
  await teacher.seen()
  assert.doesNotMatch(await teacher.page.locator('main').textContent(), /Sent to your designated safeguarding lead/)
  await teacher.context.close()

  const dsl = await signedIn(env, 'primary.dsl@demo.jigsaw', mode)
  await dsl.page.getByText('Information was shared in an emergency').first().waitFor()
  await dsl.context.close()

  const council = await signedIn(env, 'csc.dsl@demo.jigsaw', mode)
  await council.page.goto(`${env.server.url}/inbox`)
  await council.seen()
  await council.page.getByText(`${given} Ashdown`).first().waitFor()
  await council.context.close()
}

describe('sharing paths', () => {
  for (const mode of MODES) {
    test(`a blank field on "Your decision" comes back with its error, and once corrected the share goes (${mode.name})`,
      { timeout: 240000 }, () => deadEndPath(mode))
    test(`an emergency share by a member of staff is sent at once and the DSL is told (${mode.name})`,
      { timeout: 180000 }, () => emergencyShare(mode))
  }
})
