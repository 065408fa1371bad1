// Golden rule 5's review step and two dangerous defects, in a real browser:
// - the child's record shows each person beside their own relationship;
// - a blank field on "Your decision" shows the error on that page, and the
//   share can still be corrected and made (it used to dead-end for good);
// - what is sent names someone the school protects who is not linked to
//   this child: the share stops at a review of the highlighted mention; the
//   sharer withholds it; children's services sees it withheld;
// - the school sends staff shares through its DSL: the teacher's share
//   waits, the DSL sees what would be sent and approves it; an emergency
//   share is sent at once and the DSL is told.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, pointer, screenshot, serverAndBrowser, signIn as signInWith } from './support.mjs'

const SCHOOL = 'primary.teacher@demo.jigsaw'
const SOCIAL_WORKER = 'csc.socialworker@demo.jigsaw'
const SCHOOL_DSL = 'primary.dsl@demo.jigsaw'
const CSC = "Brackenford Council Children's Services (demo)"

const env = serverAndBrowser()

describe('protected identities and the decision page', () => {
  test('the review of a mention, a corrected decision, and the relationships table', { timeout: 480000 }, async () => {
    const context = await env.browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(15000)
    const act = pointer(page)
    const visited = new Set()
    const seen = async name => {
      await page.waitForLoadState()
      await expectAccessible(page, visited)
      if (name) await screenshot(page, name)
    }
    try {
      const signIn = async username => {
        await page.goto(`${env.server.url}/sign-in`)
        await signInWith(act, username)
        await page.locator('h1', { hasText: 'What needs you' }).waitFor()
      }
      const addChild = async (given, family) => {
        await page.goto(`${env.server.url}/children/new`)
        await act.fill('First name', given)
        await act.fill('Last name', family)
        await act.fill('Day', '3')
        await act.fill('Month', '9')
        await act.fill('Year', '2016')
        await act.press('Save and continue')
        await page.locator('h1').waitFor()
        return page.url().match(/children\/([0-9a-f]{32})/)[1]
      }
      const addPerson = async (childId, given, family, relationship, protectedReason) => {
        await page.goto(`${env.server.url}/children/${childId}/people/new`)
        await act.fill('First name', given)
        await act.fill('Last name', family)
        await act.check(relationship)
        if (protectedReason) {
          await act.check('Yes, protect their identity')
          await act.fill('If yes, why must their identity be protected?', protectedReason)
        } else {
          await act.check('No')
        }
        await act.press('Save')
        await page.locator('h1').waitFor()
      }

      await signIn(SCHOOL)
      // Another child's protected neighbour: not linked to the child below.
      const other = await addChild('Ellie', 'Stone')
      await addPerson(other, 'Maureen', 'Blythe', 'Neighbour', 'Reported the family and fears reprisal.')

      // --- The relationships table pairs each person with their own relationship.
      const child = await addChild('Tom', 'Ridley')
      await addPerson(child, 'Gail', 'Ridley', 'Parent', null)
      await addPerson(child, 'Pat', 'Quill', 'Neighbour', 'Called the police about the father.')
      await addPerson(child, 'Ben', 'Ridley', 'Brother or sister', null)
      await page.goto(`${env.server.url}/children/${child}`)
      await seen('18-relationships')
      // Each cell's own text: a name cell also holds the link to correct the record, below the name.
      const rows = await page.locator('table tbody tr').evaluateAll(trs =>
        trs.map(tr => [...tr.querySelectorAll('td')].map(td =>
          (td.firstChild?.nodeType === Node.TEXT_NODE ? td.firstChild.textContent : td.textContent).trim())))
      const byName = Object.fromEntries(rows.filter(r => r.length >= 2).map(r => [r[0], r[1]]))
      assert.equal(byName['Gail Ridley'], 'Parent')
      assert.equal(byName['Pat Quill'], 'Neighbour')
      assert.equal(byName['Ben Ridley'], 'Brother or sister')
      assert.match(rows.find(r => r[0] === 'Pat Quill')[2], /Identity protected/)

      // --- A concern whose information names the other child's neighbour.
      await page.goto(`${env.server.url}/children/${child}/concerns/new`)
      await act.check('Neglect')
      await act.check('The child may be suffering significant harm')
      await act.fill('What did you see or hear?', 'Tom came to school hungry three days running.')
      await act.fill('Information others may need (optional)',
        'Tom said Maureen Blythe from down the road feeds him when there is no food at home.')
      await act.fill('Where it came from', 'Tom, to his class teacher')
      await act.press('Record the concern')
      await page.getByText('Concern recorded').waitFor()
      const concernPage = page.url()
      await act.follow('Should I share?')
      const answer = async label => {
        await act.check(label)
        await act.press('Continue')
        await page.waitForLoadState()
      }
      await answer(CSC)
      await answer('To keep the child safe from harm')
          await answer('No')
      await answer('A one-off')
      await answer('No, consent has not been asked for')
      await answer('No one has objected')
      await answer('No, telling them could put the child at more risk')
      await answer('Tom said Maureen Blythe from down the road feeds him when there is no food at home.')
      await answer('No')
      await act.follow('Record your decision')

      // --- The dead end that was: share, with the reasons left blank.
      await act.check('Share the information')
      await act.press('Continue')
      await page.locator('.govuk-error-summary').waitFor()
      assert.match(await page.title(), /^Error: Your decision/)
      await seen(null)
      // The advice is still there, and so is the decision page.
      await act.follow('Read the advice again')
      assert.equal(await page.locator('h1').textContent(), 'What the advice says')
      await act.follow('Record your decision')
      assert.equal(await page.locator('h1').textContent(), 'Your decision')
      await act.check('Share the information')
      await act.fill('Why have you decided this?', 'Tom is going hungry at home; children\'s services need to know now.')
      await act.check('Public task (Article 6(1)(e))')
      await act.press('Continue')
      await page.locator('h1', { hasText: 'Choose what to send' }).waitFor()
      await act.press('Continue')

      // --- The review step: the mention is highlighted and must be decided.
      await page.locator('h1', { hasText: 'Check these mentions of protected people' }).waitFor()
      await seen('19-review-mention')
      assert.equal(await page.locator('mark.jigsaw-mention__match').first().textContent(), 'Maureen Blythe')
      await act.press('Continue')
      await page.locator('.govuk-error-summary').waitFor()
      await act.check('Withhold it')
      await act.press('Continue')
      await page.locator('h1', { hasText: 'Check your answers' }).waitFor()
      await seen(null)
      await act.press('Confirm and share')
      // The school sends staff shares through its DSL: nothing is sent yet.
      await page.locator('.govuk-panel__title', { hasText: 'Sent to your designated safeguarding lead' }).waitFor()
      await seen('20-held-for-the-dsl')

      // --- An emergency: sent at once, never held, the DSL told.
      await page.goto(concernPage)
      await act.follow('Share now in an emergency')
      await page.locator('h1', { hasText: 'Share now' }).waitFor()
      await seen(null)
      await act.check(CSC)
      await act.fill('What is the emergency?', 'Tom says there has been no food at home since Friday.')
      await act.press('Share now')
      await page.locator('.govuk-panel__title', { hasText: 'Information shared' }).waitFor()
      assert.match(await page.locator('main').textContent(), /designated safeguarding lead has been told/)
      await act.press('Sign out')
      await page.getByText('You have signed out').waitFor()

      // --- The DSL sees what would be sent, withheld as the teacher chose, and approves it.
      await signIn(SCHOOL_DSL)
      await page.getByText('Information was shared in an emergency').first().waitFor()
      await act.follow('Review the share')
      await page.locator('#approval-preview').waitFor()
      const preview = await page.locator('main').textContent()
      assert.match(preview, /Tom said \[name withheld\] from down the road feeds him/)
      assert.doesNotMatch(preview, /Maureen|Blythe/)
      await seen('21-dsl-approval')
      await act.press('Approve and send')
      await page.getByText('Approved by your designated safeguarding lead').waitFor()
      await act.press('Sign out')
      await page.getByText('You have signed out').waitFor()

      // --- Children's services reads it with the mention withheld.
      await signIn(SOCIAL_WORKER)
      await page.getByRole('link', { name: 'Read information from Brackenford Primary School (demo)' }).first().click()
      const content = await page.locator('main').textContent()
      assert.match(content, /Tom Ridley/)
      assert.match(content, /Tom said \[name withheld\] from down the road feeds him/)
      assert.doesNotMatch(content, /Maureen|Blythe/)
      await seen(null)
      console.log(`axe found no WCAG 2.2 A/AA problems on ${visited.size} pages: ${[...visited].sort().join(', ')}`)
    } catch (e) {
      await screenshot(page, 'failed-redaction').catch(() => {})
      throw new Error(`${e.message}\n  on ${page.url()}`, { cause: e })
    } finally {
      await context.close()
    }
  })
})
