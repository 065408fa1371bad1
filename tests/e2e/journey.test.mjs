// The path the service exists for, in a real browser: a school
// practitioner records a concern about a child (with a neighbour whose
// identity must be protected), goes through "Should I share?", decides to
// share with children's services; the school's DSL sees what would be sent
// and approves it (the school sends staff shares through its DSL); a
// social worker there reads it with the neighbour
// redacted and says what they did; the school sees that feedback. Run
// three ways: with the pointer (checking every page with axe and taking the
// screenshots), with the keyboard alone on a phone's width (375 px, where
// nothing may reach past the edge), and with JavaScript switched off at
// that width.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { NARROW, expectAccessible, keyboard, overflowing, pointer, screenshot, serverAndBrowser, signIn as signInWith } from './support.mjs'

const SCHOOL = 'primary.teacher@demo.jigsaw'
const SOCIAL_WORKER = 'csc.socialworker@demo.jigsaw'
const SCHOOL_DSL = 'primary.dsl@demo.jigsaw'
const CSC = "Brackenford Council Children's Services (demo)"

const env = serverAndBrowser()

// Runs the whole journey with `act` (pointer or keyboard). `check(page,
// name)` runs after every page load: axe and a screenshot, or nothing.
async function journey (context, mode, check, child) {
  const page = await context.newPage()
  try {
    return await walk(page, mode, check, child)
  } catch (e) {
    await screenshot(page, `failed-${mode}-${child.given}`).catch(() => {})
    throw new Error(`${e.message}\n  on ${page.url()}`, { cause: e })
  }
}

async function walk (page, mode, check, child) {
  page.setDefaultTimeout(10000)
  const act = mode === 'keyboard' ? keyboard(page) : pointer(page)
  const titles = []
  const seen = async name => {
    await page.waitForLoadState()
    const title = await page.title()
    titles.push(title)
    // No personal data in titles or addresses (a shared screen, browser history).
    for (const part of [child.given, child.family, 'Doreen', 'Pike'])
      assert.ok(!title.includes(part) && !page.url().includes(part), `"${part}" in the title or address of ${page.url()}`)
    await check(page, name)
  }
  const signIn = async username => {
    await page.goto(`${env.server.url}/sign-in`)
    await seen('01-sign-in')
    // The code page has its own axe checks (sign-in.test.mjs).
    await signInWith(act, username)
    await seen(null)
    assert.equal(await page.locator('h1').textContent(), 'What needs you')
  }
  const signOut = async () => {
    await act.press('Sign out')
    await page.getByText('You have signed out').waitFor()
  }

  // --- The school: record the concern --------------------------------------
  await signIn(SCHOOL)
  await seen('02-home')
  await act.follow('Record a concern about a child')
  await seen('03-find-child')
  await act.follow('Add a new child')
  await seen(null)
  // A mistake first: the error summary and the message by the field.
  await act.press('Save and continue')
  await page.locator('.govuk-error-summary').waitFor()
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.locator('#given_name-error').textContent(), /Enter their first name/)
  await seen('04-error-summary')
  await act.fill('First name', child.given)
  await act.fill('Last name', child.family)
  await act.fill('Day', '14')
  await act.fill('Month', '5')
  await act.fill('Year', '2017')
  await act.fill('Postcode (optional)', 'BR1 4AB')
  await act.press('Save and continue')
  await seen(null)
  // A button: what is typed on the concern form so far is kept while they add someone.
  await act.press("Add someone in the child's life")
  await seen(null)
  await act.fill('First name', 'Doreen')
  await act.fill('Last name', 'Pike')
  await act.check('Neighbour')
  await act.check('Yes, protect their identity')
  await act.fill('If yes, why must their identity be protected?', 'She reported what she saw and fears the father.')
  await act.press('Save')
  await seen(null)
  await act.check('Physical abuse')
  await act.check('The child may be suffering significant harm')
  await act.fill('What did you see or hear?', `${child.given} had bruises on both upper arms at morning registration.`)
  await act.fill('What did the child say, in their own words? (optional)', 'Daddy grabbed me when I spilled my juice.')
  await act.fill('Information others may need (optional)',
    `Doreen Pike, the neighbour at number 12, saw ${child.given}'s father shake her in the garden on Saturday.`)
  await act.fill('Where it came from', 'Doreen Pike, by telephone to the class teacher')
  await act.check('Doreen Pike')
  await seen('05-record-concern')
  await act.press('Record the concern')
  await seen('06-concern')
  await page.getByText('Concern recorded').waitFor()

  // --- Should I share? ---------------------------------------------------------
  await act.follow('Should I share?')
  await seen('07-question')
  const answer = async (label, name) => {
    await act.check(label)
    await act.press('Continue')
    await seen(name ?? null)
  }
  await answer(CSC)
  await answer('To keep the child safe from harm')
  await answer('No')                                   // no legal requirement
  await answer('A one-off')
  await answer('No, consent has not been asked for')
  await answer('No one has objected')
  await answer('No, telling them could put the child at more risk')
  await answer(`Doreen Pike, the neighbour at number 12, saw ${child.given}'s father shake her in the garden on Saturday.`)
  await answer('No', '08-advice')                      // not unsure
  assert.equal(await page.locator('h1').textContent(), 'What the advice says')
  await page.getByRole('heading', { name: 'Share the information', exact: true }).waitFor()
  // Each reason links to the passage of the advice it rests on.
  const rule1 = page.getByRole('link', { name: 'Seven golden rules, rule 1' }).first()
  assert.equal(await rule1.getAttribute('href'), '/guidance#rule-1')

  await act.follow('Record your decision')
  await seen('09-decision')
  await act.check('Share the information')
  await act.fill('Why have you decided this?',
    'Bruising and a neighbour\'s account of the father shaking her suggest significant harm; children\'s services must know today.')
  await act.check('Public task (Article 6(1)(e))')
  await act.press('Continue')
  await seen('10-choose-items')
  // Side by side: what will be sent, with the neighbour withheld.
  const preview = page.locator('.jigsaw-preview')
  assert.match(await preview.textContent(), /\[name withheld\]/)
  assert.doesNotMatch(await preview.textContent(), /Doreen|Pike/)
  await act.press('Continue')
  await seen('11-check-answers')
  await act.press('Confirm and share')
  await seen('12-shared')
  await page.locator('.govuk-panel__title', { hasText: 'Sent to your designated safeguarding lead' }).waitFor()
  await signOut()

  // --- The school's DSL: approve the share ------------------------------------------
  await signIn(SCHOOL_DSL)
  await act.follow('Review the share')
  await seen('12-approval')
  const proposed = await page.locator('.jigsaw-preview').textContent()
  assert.match(proposed, /\[name withheld\]/)
  assert.doesNotMatch(proposed, /Doreen|Pike/)
  await act.press('Approve and send')
  await seen(null)
  await page.getByText('Approved by your designated safeguarding lead').waitFor()
  await signOut()

  // --- Children's services: read it, and close the loop ------------------------------
  await signIn(SOCIAL_WORKER)
  await seen('13-recipient-home')
  await act.follow('Read information from Brackenford Primary School (demo)')
  await seen('14-disclosure')
  const content = await page.locator('main').textContent()
  assert.match(content, new RegExp(`${child.given} ${child.family}`))
  assert.match(content, /\[name withheld\]/)
  assert.doesNotMatch(content, /Doreen|Pike/)
  await act.follow('Tell them what you did')
  await seen('15-feedback')
  await act.check('Strategy discussion or section 47 enquiry')
  await act.fill('Anything they should know? (optional)', 'Strategy discussion held; section 47 enquiry started.')
  await act.press('Send feedback')
  await seen(null)
  await page.getByText('Your feedback has been sent').waitFor()
  await signOut()

  // --- The school sees the feedback ----------------------------------------------------
  await signIn(SCHOOL)
  // Notifications are newest first; earlier journeys on this server left theirs.
  await page.getByText('Someone told you what they did with information you shared').first().waitFor()
  await act.follow('Someone told you what they did with information you shared')
  await seen('16-feedback-seen')
  await page.getByText('Strategy discussion or section 47 enquiry').waitFor()
  await page.getByText('Strategy discussion held; section 47 enquiry started.').waitFor()
  await page.goto(`${env.server.url}/inbox`)
  await seen(null)
  await act.follow('Go to what needs you').catch(() => {})  // not on every page
  return { page, titles }
}

describe('the sharing journey', () => {
  test('works with the pointer, and every page passes axe (WCAG 2.2 A and AA)', { timeout: 480000 }, async () => {
    const context = await env.browser.newContext()
    const visited = new Set()
    const { page } = await journey(context, 'pointer', async (p, name) => {
      await expectAccessible(p, visited)
      if (name) await screenshot(p, name)
    }, { given: 'Lily', family: 'Marsh' })

    // The child's chronology, and the advice itself, pass too.
    await page.goto(`${env.server.url}/`)
    await page.getByRole('link', { name: 'Lily Marsh' }).first().click()
    await page.getByRole('link', { name: 'Lily Marsh' }).first().click()
    await page.getByRole('heading', { name: 'Chronology' }).waitFor()
    assert.match(await page.locator('main').textContent(), /Feedback received/)
    await expectAccessible(page, visited)
    await screenshot(page, '17-chronology')
    await page.goto(`${env.server.url}/guidance#rule-5`)
    await expectAccessible(page, visited)
    console.log(`axe found no WCAG 2.2 A/AA problems on ${visited.size} pages: ${[...visited].sort().join(', ')}`)

    // "Exit this page" replaces the screen at once and leaves for somewhere unrelated.
    await page.route('https://www.bbc.co.uk/**', route => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }))
    await page.goto(`${env.server.url}/`)
    await page.getByRole('button', { name: 'Emergency Exit this page' }).click()
    await page.waitForURL('https://www.bbc.co.uk/**')
    await context.close()
  })

  test('works with the keyboard alone, 375 px wide', { timeout: 600000 }, async () => {
    const context = await env.browser.newContext({ viewport: NARROW })
    const visited = new Set()
    await journey(context, 'keyboard', async p => {
      await expectAccessible(p, visited)
      assert.deepEqual(await overflowing(p), [], `${p.url()} is wider than 375 px`)
    }, { given: 'Tom', family: 'Ashby' })
    await context.close()
  })

  test('works with JavaScript switched off, 375 px wide', { timeout: 300000 }, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: NARROW })
    await journey(context, 'pointer', async () => {}, { given: 'Nia', family: 'Crowe' })
    await context.close()
  })
})
