// Recording a concern as thoroughly as the school tools, in a real browser
// with axe on every page, at 375 px wide: the incident's own date, time and
// place; a body map mark placed with the pointer, then one with the
// keyboard alone, then one with JavaScript off (a list of body areas); a
// photograph attached and downloaded; and the chronology's significant
// events.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'

import { expectAccessible, keyboard, pointer, serverAndBrowser, signIn } from './support.mjs'

const env = serverAndBrowser()
const TEACHER = 'primary.teacher@demo.jigsaw'
const NARROW = { width: 375, height: 812 }
// The smallest PNG the server accepts: its signature and an IHDR chunk.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(40, 2)])

let concernUrl = null
let childUrl = null

async function session (options = {}) {
  const context = await env.browser.newContext({ viewport: NARROW, acceptDownloads: true, ...options })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const visited = new Set()
  const seen = async () => {
    await page.waitForLoadState()
    await expectAccessible(page, visited)
    // Nothing visible reaches past the screen's edge, but a wide table
    // inside a region that scrolls on its own. (Visually hidden text is left
    // out: "Exit this page" keeps one such span a pixel beyond it.)
    const wide = await page.evaluate(width => [...document.querySelectorAll('body *')]
      .filter(e => !e.closest('.govuk-visually-hidden') && !e.parentElement.closest('.jigsaw-table-scroll') &&
        e.getBoundingClientRect().right > width)
      .map(e => `${e.tagName.toLowerCase()}.${e.className}`), NARROW.width)
    assert.deepEqual(wide, [], `${page.url()} is wider than 375px`)
  }
  return { context, page, seen }
}

describe('recording a concern thoroughly', () => {
  test('with the pointer: the incident, a mark on the body map and a photograph', { timeout: 300000 }, async () => {
    const { context, page, seen } = await session()
    const act = pointer(page)
    await page.goto(`${env.server.url}/sign-in`)
    await signIn(act, TEACHER)
    await page.locator('h1', { hasText: 'What needs you' }).waitFor()

    await act.follow('Record a concern about a child')
    await act.follow('Add a new child')
    await act.fill('First name', 'Poppy')
    await act.fill('Last name', 'Warren')
    await act.fill('Day', '3')
    await act.fill('Month', '9')
    await act.fill('Year', '2016')
    await act.press('Save and continue')
    await seen()
    await act.check('Physical abuse')
    await act.check('The child may be suffering significant harm')
    // When it happened, apart from now: the GOV.UK three fields, then hours and minutes.
    await page.locator('#incident_date-day').fill('21')
    await page.locator('#incident_date-month').fill('11')
    await page.locator('#incident_date-year').fill('2026')
    await act.fill('Hour', '17')
    await act.fill('Minute', '45')
    await act.fill('Where did it happen? (optional)', 'The park, as she told it')
    await act.fill('What did you see or hear?', 'Poppy had a bruise on her left forearm at registration.')
    await act.press('Record the concern')
    await page.getByText('Concern recorded').waitFor()
    await seen()
    concernUrl = page.url().replace(/\?.*$/, '')
    const when = page.locator('.govuk-summary-list__row', { hasText: 'When it happened' }).locator('dd').first()
    assert.match(await when.textContent(), /21 November 2026 at 17:45/)

    // The body map: a click on the left forearm of the front outline.
    await act.follow('Add a mark to the body map')
    await seen()
    const forearm = page.locator('svg[data-side="front"] [data-area="left_forearm"]')
    await forearm.click()
    await page.locator('#body-map-status', { hasText: 'Mark placed on the left forearm, front' }).waitFor()
    assert.equal(await page.locator('select[name="area"]').inputValue(), 'left_forearm')
    await act.fill('Describe the mark', 'Bruise 3 cm across, purple, oval.')
    await act.press('Add the mark')
    await page.getByText('Mark 1 added to the body map').waitFor()
    await seen()
    await page.locator('.jigsaw-body-map__mark').first().waitFor()

    // A photograph, whatever the browser calls it.
    await act.follow('Back to the concern')
    await act.follow('Add a file')
    await seen()
    await page.getByLabel('Upload a file').setInputFiles({ name: 'bruise.png', mimeType: 'application/octet-stream', buffer: PNG })
    await act.fill('Describe the file', 'Photograph of the bruise, taken by the school nurse.')
    await act.press('Add the file')
    await page.getByText('File added').waitFor()
    await seen()
    const row = page.locator('tr', { hasText: 'bruise.png' })
    assert.match(await row.textContent(), /PNG image/)
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link').click()])
    assert.equal(download.suggestedFilename(), 'bruise.png')

    // The child's record: the incident first, and the significant events on their own.
    await page.getByRole('link', { name: 'Poppy Warren' }).first().click()
    await seen()
    childUrl = page.url().replace(/[?#].*$/, '')
    await act.follow('Significant events')
    await seen()
    const rows = page.locator('table', { hasText: 'What happened' }).locator('tbody tr')
    assert.match(await rows.first().textContent(), /What the concern is about happened.*Where: The park, as she told it/)
    await context.close()
  })

  test('with the keyboard alone: a mark placed and moved on the outline, and a file', { timeout: 300000 }, async () => {
    assert.ok(concernUrl, 'the pointer test recorded the concern')
    const { context, page, seen } = await session()
    const act = keyboard(page)
    await page.goto(`${env.server.url}/sign-in`)
    await signIn(act, TEACHER)
    await page.locator('h1', { hasText: 'What needs you' }).waitFor()
    await page.goto(`${concernUrl}/body-map`)
    await seen()
    // Tab to the head on the back outline, Enter places the mark, the arrow keys move it.
    const head = page.locator('svg[data-side="back"] [data-area="head"]')
    for (let i = 0; i < 200 && !(await head.evaluate(el => el === document.activeElement)); i++) await page.keyboard.press('Tab')
    assert.ok(await head.evaluate(el => el === document.activeElement), 'Tab reaches the head on the back outline')
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowDown')
    await page.locator('#body-map-status', { hasText: 'Mark placed on the head, back' }).waitFor()
    assert.equal(await page.locator('input[name="y"]').inputValue(), '40')
    assert.ok(await page.locator('input[name="side"][value="back"]').isChecked())
    await act.fill('Describe the mark', 'Small cut behind the right ear, 1 cm.')
    await act.press('Add the mark')
    await page.getByText('Mark 2 added to the body map').waitFor()
    await seen()

    // A file chosen from the keyboard: Space on the file field opens the
    // chooser, as it does for someone who cannot use a pointer.
    await page.goto(concernUrl)
    await act.follow('Add a file')
    await seen()
    const field = page.getByLabel('Upload a file', { exact: true })
    for (let i = 0; i < 200 && !(await field.evaluate(el => el === document.activeElement)); i++) await page.keyboard.press('Tab')
    assert.ok(await field.evaluate(el => el === document.activeElement), 'Tab reaches the file field')
    // Playwright turns on its interception of the chooser asynchronously when
    // the first listener is added; one round trip to the page makes sure it is
    // on before Space is pressed, or the chooser opens unseen (a CI flake).
    const chosen = page.waitForEvent('filechooser')
    await page.evaluate(() => document.activeElement?.name)
    await page.keyboard.press('Space')
    const chooser = await chosen
    await chooser.setFiles({ name: 'cut.png', mimeType: 'image/png', buffer: PNG })
    await act.fill('Describe the file', 'Photograph of the cut behind the ear.')
    await act.press('Add the file')
    await page.getByText('File added').waitFor()
    await seen()
    assert.match(await page.locator('tr', { hasText: 'cut.png' }).textContent(), /PNG image/)
    await context.close()
  })

  test('with JavaScript off: the body areas as a list, and a file', { timeout: 300000 }, async () => {
    assert.ok(concernUrl, 'the pointer test recorded the concern')
    // Axe and the width check run in the page's script, which is off here:
    // the same pages are checked with it on in the tests above.
    const { context, page } = await session({ javaScriptEnabled: false })
    const act = pointer(page)
    await page.goto(`${env.server.url}/sign-in`)
    await signIn(act, TEACHER)
    await page.locator('h1', { hasText: 'What needs you' }).waitFor()
    await page.goto(`${concernUrl}/body-map`)
    // Errors first, all together.
    await act.press('Add the mark')
    await page.locator('.govuk-error-summary').waitFor()
    assert.equal(await page.locator('.govuk-error-summary__list li').count(), 3)
    await act.check('Back')
    await page.getByLabel('Where on the body is it?').selectOption('lower_back')
    await act.fill('Describe the mark', 'Two red lines, 5 cm long.')
    await act.press('Add the mark')
    await page.getByText('Mark 3 added to the body map').waitFor()
    await page.goto(concernUrl)
    const table = page.locator('table', { hasText: 'Marks on the body map' })
    assert.match(await table.textContent(), /Left forearm, front.*Head, back.*Lower back, back/s)
    // A web page called a photograph is refused by the file field.
    await act.follow('Add a file')
    await page.getByLabel('Upload a file').setInputFiles({ name: 'bruise.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>alert(1)</script></html>') })
    await act.fill('Describe the file', 'Photo.')
    await act.press('Add the file')
    await page.locator('#file-error', { hasText: 'must be a photo' }).waitFor()
    // A real photograph is taken, without a script on the page.
    await page.getByLabel('Upload a file').setInputFiles({ name: 'lines.png', mimeType: 'image/png', buffer: PNG })
    await act.fill('Describe the file', 'Photograph of the two red lines.')
    await act.press('Add the file')
    await page.getByText('File added').waitFor()
    assert.match(await page.locator('tr', { hasText: 'lines.png' }).textContent(), /PNG image/)
    await page.goto(childUrl)
    await context.close()
  })
})
