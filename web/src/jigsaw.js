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

// --- Passkeys ---------------------------------------------------------------
// The browser's WebAuthn API speaks ArrayBuffers; the server speaks base64url.
const toBase64Url = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const fromBase64Url = text => {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)
  return Uint8Array.from(atob(padded), c => c.charCodeAt(0))
}

async function postJson (url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })
  const json = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(json.error?.message || 'Something went wrong. Try again.')
  return json
}

function showError (id, message) {
  const error = document.getElementById(id)
  if (!error) return
  error.textContent = message
  error.hidden = false
}

const passkeysWork = typeof window.PublicKeyCredential === 'function' && window.isSecureContext

// Sign in with a passkey: no username, no password, no code. The
// authenticator checks the person (fingerprint, face, PIN) and signs the
// server's challenge for this site only.
const passkeySignIn = document.getElementById('passkey-sign-in')
if (passkeySignIn && passkeysWork) {
  passkeySignIn.hidden = false
  document.getElementById('passkey-button').addEventListener('click', async () => {
    const csrf = passkeySignIn.dataset.formToken
    try {
      const options = await postJson('/sign-in/passkey/options', { csrf_token: csrf })
      const publicKey = { ...options.publicKey, challenge: fromBase64Url(options.publicKey.challenge) }
      const credential = await navigator.credentials.get({ publicKey })
      const done = await postJson('/sign-in/passkey', {
        csrf_token: csrf,
        challenge_token: options.challenge_token,
        id: credential.id,
        clientDataJSON: toBase64Url(credential.response.clientDataJSON),
        authenticatorData: toBase64Url(credential.response.authenticatorData),
        signature: toBase64Url(credential.response.signature)
      })
      window.location.href = done.location
    } catch (e) {
      showError('passkey-error', e.name === 'NotAllowedError'
        ? 'The passkey was not used. Try again, or sign in with your password.'
        : e.message)
    }
  })
}

// Add a passkey on the settings page.
const passkeyAdd = document.getElementById('passkey-add')
if (passkeyAdd && passkeysWork) {
  passkeyAdd.hidden = false
  document.getElementById('passkey-unavailable')?.remove()
  document.getElementById('passkey-add-button').addEventListener('click', async () => {
    const csrf = passkeyAdd.dataset.formToken
    const name = document.getElementById('passkey_name').value.trim()
    if (!name) return showError('passkey-error', 'Name this passkey, so you can tell your passkeys apart.')
    try {
      const options = await postJson('/account/passkeys/options', { csrf_token: csrf })
      const o = options.publicKey
      const publicKey = {
        ...o,
        challenge: fromBase64Url(o.challenge),
        user: { ...o.user, id: fromBase64Url(o.user.id) },
        excludeCredentials: o.excludeCredentials.map(c => ({ ...c, id: fromBase64Url(c.id) }))
      }
      const credential = await navigator.credentials.create({ publicKey })
      const done = await postJson('/account/passkeys', {
        csrf_token: csrf,
        challenge_token: options.challenge_token,
        name,
        clientDataJSON: toBase64Url(credential.response.clientDataJSON),
        attestationObject: toBase64Url(credential.response.attestationObject)
      })
      window.location.href = done.location
    } catch (e) {
      showError('passkey-error', e.name === 'NotAllowedError' ? 'The passkey was not added. Try again.' : e.message)
    }
  })
}

// --- A strength hint as a new password is typed -----------------------------
// Length is what counts (the server checks the deny-list and names too);
// the hint only says how far there is to go.
const newPassword = document.querySelector('.jigsaw-new-password')
const strength = document.getElementById('password-strength')
if (newPassword && strength) {
  newPassword.addEventListener('input', () => {
    const length = [...newPassword.value].length
    const words = newPassword.value.trim().split(/\s+/).filter(Boolean).length
    strength.textContent = length === 0
      ? ''
      : length < 12
        ? `${12 - length} more character${12 - length === 1 ? '' : 's'} needed.`
        : length >= 20 || words >= 3
          ? 'Long enough to be strong, if it is not a common phrase.'
          : 'Long enough. Longer is stronger: three or more random words work well.'
  })
}

// --- Placing a mark on the body map ------------------------------------------
// The page works without this: the form asks for the side and the area,
// and the mark goes in the middle of that area. With it, each area of the
// outline is a button: a click puts the mark where the pointer is, Enter
// or Space puts it in the middle of the area, and the arrow keys then move
// it (within the area; the server checks the same shapes). Either way the
// side and area fields are filled in, so what will be saved is always in
// view and can be corrected.
const bodyMap = document.querySelector('[data-module="jigsaw-body-map"]')
const markForm = document.getElementById('body-mark-form')
if (bodyMap && markForm) {
  const status = document.getElementById('body-map-status')
  const xInput = markForm.querySelector('input[name="x"]')
  const yInput = markForm.querySelector('input[name="y"]')
  const areaSelect = markForm.querySelector('select[name="area"]')
  const svgNS = 'http://www.w3.org/2000/svg'
  let pending = null // { shape, svg, x, y }
  let marker = null

  // The area's name, from its SVG title (kept in data-name once the title goes).
  const areaLabel = shape => shape.dataset.name || shape.querySelector('title')?.textContent || shape.dataset.area
  const sideLabel = svg => (svg.dataset.side === 'front' ? 'front' : 'back')
  const inside = (shape, x, y) => {
    const g = name => Number(shape.getAttribute(name))
    if (shape.tagName.toLowerCase() === 'ellipse') {
      const dx = (x - g('cx')) / g('rx'); const dy = (y - g('cy')) / g('ry')
      return dx * dx + dy * dy <= 1
    }
    return x >= g('x') && x <= g('x') + g('width') && y >= g('y') && y <= g('y') + g('height')
  }
  const centre = shape => shape.tagName.toLowerCase() === 'ellipse'
    ? [Number(shape.getAttribute('cx')), Number(shape.getAttribute('cy'))]
    : [Number(shape.getAttribute('x')) + Number(shape.getAttribute('width')) / 2,
        Number(shape.getAttribute('y')) + Number(shape.getAttribute('height')) / 2]

  const place = (shape, x, y) => {
    const svg = shape.ownerSVGElement
    x = Math.round(x); y = Math.round(y)
    if (!inside(shape, x, y)) return
    pending = { shape, svg, x, y }
    marker?.remove()
    marker = document.createElementNS(svgNS, 'circle')
    marker.setAttribute('class', 'jigsaw-body-map__pending')
    marker.setAttribute('cx', x); marker.setAttribute('cy', y); marker.setAttribute('r', 8)
    svg.append(marker)
    xInput.value = x; yInput.value = y
    const side = markForm.querySelector(`input[name="side"][value="${svg.dataset.side}"]`)
    if (side) side.checked = true
    areaSelect.value = shape.dataset.area
    status.textContent = `Mark placed on the ${areaLabel(shape).toLowerCase()}, ${sideLabel(svg)}. ` +
      'Use the arrow keys to move it, then describe it below.'
  }

  // Choosing the side or area by hand means the point no longer applies.
  const forget = () => {
    pending = null; marker?.remove(); marker = null
    xInput.value = ''; yInput.value = ''
  }
  areaSelect.addEventListener('change', forget)
  markForm.querySelectorAll('input[name="side"]').forEach(r => r.addEventListener('change', forget))

  bodyMap.querySelectorAll('svg').forEach(svg => {
    svg.setAttribute('role', 'group')
    svg.setAttribute('aria-label', `${sideLabel(svg) === 'front' ? 'Front' : 'Back'} of the body: choose where the mark is`)
    svg.querySelector(':scope > title')?.remove()
    svg.querySelectorAll('.jigsaw-body-map__area').forEach(shape => {
      shape.dataset.name = areaLabel(shape)
      shape.setAttribute('tabindex', '0')
      shape.setAttribute('role', 'button')
      shape.setAttribute('aria-label', `${areaLabel(shape)}, ${sideLabel(svg)}`)
      shape.querySelector('title')?.remove()
      shape.addEventListener('click', event => {
        const point = svg.createSVGPoint()
        point.x = event.clientX; point.y = event.clientY
        const at = event.detail === 0 ? { x: centre(shape)[0], y: centre(shape)[1] } // a click from the keyboard
          : point.matrixTransform(svg.getScreenCTM().inverse())
        place(shape, at.x, at.y)
      })
      shape.addEventListener('keydown', event => {
        const moves = { ArrowLeft: [-4, 0], ArrowRight: [4, 0], ArrowUp: [0, -4], ArrowDown: [0, 4] }
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          place(shape, ...centre(shape))
        } else if (moves[event.key] && pending && pending.shape === shape) {
          event.preventDefault()
          place(shape, pending.x + moves[event.key][0], pending.y + moves[event.key][1])
        }
      })
    })
  })
}
