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

// Seconds the session has left, from the server (asking does not count as
// activity); null if the server could not be asked, when this page's own
// timer is trusted.
async function secondsLeft () {
  try {
    const response = await fetch('/session/time-left', { credentials: 'same-origin', cache: 'no-store' })
    if (!response.ok) return null
    const { seconds } = await response.json()
    return Number.isFinite(seconds) ? seconds : null
  } catch {
    return null
  }
}

if (idleSeconds > WARN_BEFORE_SECONDS && region) {
  let warnTimer
  let endTimer

  const hide = () => {
    region.hidden = true
    region.innerHTML = ''
  }

  // Warn two minutes before the end, and leave at the end, of `seconds`.
  const schedule = seconds => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    warnTimer = setTimeout(warn, Math.max(0, seconds - WARN_BEFORE_SECONDS) * 1000)
    endTimer = setTimeout(end, seconds * 1000)
  }

  // Another tab may have kept the session alive: ask before warning or leaving.
  const warn = async () => {
    const left = await secondsLeft()
    if (left !== null && left > WARN_BEFORE_SECONDS + 5) return schedule(left)
    show()
  }

  const end = async () => {
    const left = await secondsLeft()
    if (left !== null && left > 5) {
      hide()
      return schedule(left)
    }
    window.location.href = '/sign-in?timed-out=1'
  }

  const show = () => {
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
      hide()
      schedule(idleSeconds)
    })
    content.append(text, button)
    box.append(content)
    region.append(box)
    region.hidden = false
    button.focus()
  }

  schedule(idleSeconds)
}
