// Information requests and advice in a real browser, with the pointer and
// axe on every page: children's services asks a school for information; the
// school asks what they mean, is told, and refuses with reasons; children's
// services reads the reasons and asks them to reconsider. Children's
// services asks a GP, naming the mother's partner; the GP answers "not known
// to us" in one step and children's services reads that answer. A teacher
// asks their designated safeguarding lead for advice and reads the answer.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { MODES, expectAccessible, pointer, serverAndBrowser, signIn, signedIn } from './support.mjs'

const env = serverAndBrowser()

// A page and the steps every test here takes on it.
async function session (context, visited) {
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const act = pointer(page)
  const seen = async () => {
    await page.waitForLoadState()
    await expectAccessible(page, visited)
  }
  return {
    page,
    act,
    seen,
    async signIn (username) {
      await page.goto(`${env.server.url}/sign-in`)
      await signIn(act, username)
      await page.locator('h1', { hasText: 'What needs you' }).waitFor()
    },
    async signOut () {
      await act.press('Sign out')
      await page.getByText('You have signed out').waitFor()
    },
    // From the menu to the one request listed, on the requests page.
    async openTheRequest () {
      await page.getByRole('link', { name: 'Information requests', exact: true }).click()
      await seen()
      await page.getByRole('link', { name: /^View/ }).first().click()
      await seen()
    }
  }
}

// Children's services asks the surgery, naming the mother's partner; the GP
// does not know the child and says so in one step; the requester reads it.
async function notKnown (mode) {
  const given = `Leo-${mode.tag}`
  const status = page => page.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('dd').first().textContent()
  let requestUrl = null
  const openTheRequest = async ({ page, seen }) => {
    await page.goto(requestUrl)
    await seen()
  }

  const asker = await signedIn(env, 'csc.socialworker@demo.jigsaw', mode)
  await asker.page.goto(`${env.server.url}/information-requests`)
  await asker.act.follow('Ask another organisation for information')
  await asker.seen()
  await asker.act.choose('Who are you asking?', 'Millbrook Surgery (demo)')
  await asker.act.fill('First name', given)
  await asker.act.fill('Last name', 'Marsh')
  await asker.act.fill(asker.page.locator('#person1_name'), 'Dan Marsh')
  await asker.act.fill(asker.page.locator('#person1_relationship'), "mother's partner")
  await asker.act.check(asker.page.locator('input[name="person1_responsibility"][value="no"]'))
  await asker.act.fill('What information do you need?', 'Any injuries seen at the surgery this year.')
  await asker.act.fill('Why do you need it?', 'A strategy discussion is planned for Friday.')
  await asker.act.press('Send the request')
  await asker.seen()
  assert.match(await asker.page.locator('main').textContent(), /Dan Marsh, mother's partner: Does not have parental responsibility/)
  requestUrl = asker.page.url()
  assert.match(requestUrl, /\/information-requests\/[0-9a-f]{32}$/)

  // The GP does not know the child: one button, with a note.
  const gp = await signedIn(env, 'gp.doctor@demo.jigsaw', mode)
  await openTheRequest(gp)
  assert.match(await gp.page.locator('main').textContent(), /Dan Marsh, mother's partner/)
  await gp.act.fill('Anything they should know (optional)', 'No patient of that name registered since 2015.')
  await gp.act.press('Not known to us')
  await gp.seen()
  assert.equal(await status(gp.page), 'Not known')
  assert.equal(await gp.page.getByRole('button', { name: 'Not known to us', exact: true }).count(), 0, 'answered once')
  await gp.context.close()

  // Children's services reads the answer plainly, with the note.
  const reader = asker
  await openTheRequest(reader)
  const main = await reader.page.locator('main').textContent()
  assert.match(main, /Millbrook Surgery \(demo\) answered that they do not know this child/)
  assert.match(main, /Answered: not known/)
  assert.match(main, /No patient of that name registered since 2015\./)
  assert.equal(await status(reader.page), 'Not known')
  await reader.context.close()
}

describe('information requests and advice', () => {
  test('a request is clarified, refused with reasons, and sent back for reconsideration', { timeout: 300000 }, async () => {
    const context = await env.browser.newContext()
    const visited = new Set()
    const s = await session(context, visited)
    const { page, act, seen } = s
    const status = () => page.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('dd').first().textContent()

    // Children's services asks the school; a mistake first.
    await s.signIn('csc.socialworker@demo.jigsaw')
    await page.getByRole('link', { name: 'Information requests', exact: true }).click()
    await seen()
    await act.follow('Ask another organisation for information')
    await seen()
    await act.fill('Day', '31')
    await act.fill('Month', '2')
    await act.fill('Year', '2016')
    await act.press('Send the request')
    await page.locator('.govuk-error-summary').waitFor()
    assert.match(await page.title(), /^Error: /)
    assert.match(await page.locator('#date_of_birth-error').textContent(), /must be a real date/)
    await seen()
    await act.fill('Day', '29')
    await page.getByLabel('Who are you asking?').selectOption({ label: 'Brackenford Primary School (demo)' })
    await act.fill('First name', 'Ruby')
    await act.fill('Last name', 'Hale')
    await act.fill('What information do you need?', 'Attendance this term, and any concerns recorded.')
    await act.fill('Why do you need it?', 'A child and family assessment under section 17 has started.')
    await act.check('Urgent')
    await act.press('Send the request')
    await seen()
    assert.equal(await status(), 'Waiting for an answer')
    await s.signOut()

    // The school asks what they mean.
    await s.signIn('primary.dsl@demo.jigsaw')
    await s.openTheRequest()
    assert.match(await page.locator('main').textContent(), /Attendance this term, and any concerns recorded\./)
    assert.match(await page.locator('main').textContent(), /Ruby Hale, born 29 February 2016/)
    await act.fill('Ask what they mean', 'Which concerns: safeguarding only, or welfare too?')
    await act.press('Ask them')
    await seen()
    assert.equal(await status(), 'Clarification asked for')
    await s.signOut()

    // Children's services explains.
    await s.signIn('csc.socialworker@demo.jigsaw')
    await s.openTheRequest()
    await act.fill('Explain what you meant', 'Safeguarding concerns only.')
    await act.press('Send your explanation')
    await seen()
    assert.equal(await status(), 'Waiting for an answer')
    await s.signOut()

    // The school refuses, with reasons (golden rule 7).
    await s.signIn('primary.dsl@demo.jigsaw')
    await s.openTheRequest()
    await act.press('Refuse the request')
    await page.locator('.govuk-error-summary').waitFor()
    await seen()
    // The request's page also offers an answer typed in, with its own risk question.
    await page.locator('form[action$="/refuse"]').getByLabel('I do not know yet', { exact: true }).check()
    await act.fill('Why are you not sharing?', 'We hold no safeguarding concerns about Ruby this term.')
    await act.press('Refuse the request')
    await seen()
    assert.equal(await status(), 'Refused')
    await s.signOut()

    // Children's services reads the reasons and asks them to reconsider.
    await s.signIn('csc.socialworker@demo.jigsaw')
    await s.openTheRequest()
    assert.match(await page.locator('main').textContent(), /We hold no safeguarding concerns about Ruby this term\./)
    await act.fill('Ask them to reconsider', 'Her brother disclosed today that she is often left alone overnight.')
    await act.press('Ask them to reconsider')
    await seen()
    assert.equal(await status(), 'Reconsideration asked for')
    console.log(`axe found no WCAG 2.2 A/AA problems on ${visited.size} pages: ${[...visited].sort().join(', ')}`)
    await context.close()
  })

  for (const mode of MODES) {
    test(`a GP answers "not known to us" in one step and the requester reads it (${mode.name})`, { timeout: 300000 },
      () => notKnown(mode))
  }

  test('a teacher asks their safeguarding lead for advice and reads the answer', { timeout: 180000 }, async () => {
    const context = await env.browser.newContext()
    const visited = new Set()
    const s = await session(context, visited)
    const { page, act, seen } = s

    await s.signIn('primary.teacher@demo.jigsaw')
    await page.getByRole('link', { name: 'Advice', exact: true }).click()
    await seen()
    await act.follow('Ask for advice')
    await seen()
    await act.check('Designated safeguarding lead')
    await act.fill('What is your question?', 'May I tell the school nurse about a pupil\'s self-harm without asking the pupil?')
    await act.press('Send your question')
    await seen()
    await s.signOut()

    await s.signIn('primary.dsl@demo.jigsaw')
    await page.getByRole('link', { name: 'Advice', exact: true }).click()
    await seen()
    await page.getByRole('link', { name: /^Answer/ }).first().click()
    await seen()
    await act.fill('Your answer', 'Yes: the nurse has a safeguarding role. Tell the pupil what you are sharing and why.')
    await act.press('Send your answer')
    await seen()
    await s.signOut()

    await s.signIn('primary.teacher@demo.jigsaw')
    await page.getByRole('link', { name: 'Advice', exact: true }).click()
    await page.getByRole('link', { name: /^View/ }).first().click()
    await seen()
    assert.match(await page.locator('main').textContent(), /the nurse has a safeguarding role/)
    console.log(`axe found no WCAG 2.2 A/AA problems on ${visited.size} pages: ${[...visited].sort().join(', ')}`)
    await context.close()
  })
})
