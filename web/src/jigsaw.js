// Jigsaw's only script. Every page works without it; it adds the GOV.UK
// Frontend behaviours (error summary focus, "Exit this page" with Shift
// pressed three times, the mobile menu) and warns before a session times
// out. Loaded as a module from /assets, so the Content-Security-Policy
// needs no inline script.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

const idleSeconds = Number(document.body.dataset.idleTimeout || 0)
const region = document.getElementById('session-timeout')
const WARN_BEFORE_SECONDS = 120

function formToken () {
  const input = document.querySelector('input[name="csrf_token"]')
  return input ? input.value : ''
}

if (idleSeconds > WARN_BEFORE_SECONDS && region) {
  let warnTimer
  let endTimer

  const schedule = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    warnTimer = setTimeout(warn, (idleSeconds - WARN_BEFORE_SECONDS) * 1000)
    endTimer = setTimeout(() => { window.location.href = '/sign-in?timed-out=1' }, idleSeconds * 1000)
  }

  const warn = () => {
    region.innerHTML = ''
    const box = document.createElement('div')
    box.className = 'govuk-notification-banner jigsaw-timeout__banner'
    box.setAttribute('role', 'alert')
    const content = document.createElement('div')
    content.className = 'govuk-notification-banner__content'
    const text = document.createElement('p')
    text.className = 'govuk-notification-banner__heading'
    text.textContent = 'For your security, you will be signed out in 2 minutes unless you carry on.'
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'govuk-button'
    button.textContent = 'Stay signed in'
    button.addEventListener('click', async () => {
      const body = new URLSearchParams({ csrf_token: formToken() })
      const response = await fetch('/session/keep-alive', { method: 'POST', body, credentials: 'same-origin' })
      if (!response.ok) { window.location.href = '/sign-in?timed-out=1'; return }
      region.hidden = true
      region.innerHTML = ''
      schedule()
    })
    content.append(text, button)
    box.append(content)
    region.append(box)
    region.hidden = false
    button.focus()
  }

  schedule()
}
