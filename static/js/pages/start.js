// Start page: join with a code, or create a new board.

import { Announcer } from '../announcer.js'
import { createBoard } from '../api.js'
import { applySettings } from '../settings.js'

applySettings()
const announcer = new Announcer(document.getElementById('status'))

export function normaliseCode (raw) {
  return String(raw ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')
}

class JoinForm {
  constructor ($form) {
    this.$form = $form
    this.$input = $form.querySelector('.js-code')
    this.$group = $form.querySelector('.js-code-group')
    this.$error = $form.querySelector('.js-code-error')
    $form.addEventListener('submit', (e) => this.submit(e))
  }

  submit (event) {
    event.preventDefault()
    const code = normaliseCode(this.$input.value)
    if (code.length !== 6) {
      return this.showError(code.length === 0
        ? 'Enter the workshop code.'
        : 'The code has 6 letters or numbers. Check it and try again.')
    }
    location.assign(`/join/${encodeURIComponent(code)}`)
  }

  showError (message) {
    this.$error.textContent = message
    this.$error.hidden = false
    this.$group.classList.add('cb-form-group--error')
    this.$input.setAttribute('aria-describedby', 'join-code-hint join-code-error')
    this.$input.setAttribute('aria-invalid', 'true')
    this.$input.focus()
  }
}

class StartForm {
  constructor ($form, $links) {
    this.$form = $form
    this.$links = $links
    this.$title = $form.querySelector('.js-title')
    this.$titleError = $form.querySelector('.js-title-error')
    this.$titleGroup = $form.querySelector('.js-title-group')
    this.$error = $form.querySelector('.js-start-error')
    this.$button = $form.querySelector('.js-start-button')
    $form.addEventListener('submit', (e) => this.submit(e))
  }

  async submit (event) {
    event.preventDefault()
    this.clearErrors()
    const title = this.$title.value.trim()
    if (!title) {
      this.$titleError.textContent = 'Enter a name for the workshop.'
      this.$titleError.hidden = false
      this.$titleGroup.classList.add('cb-form-group--error')
      this.$title.setAttribute('aria-describedby', 'board-title-error')
      this.$title.setAttribute('aria-invalid', 'true')
      this.$title.focus()
      return
    }
    this.$button.disabled = true
    this.$button.textContent = 'Creating…'
    try {
      const made = await createBoard({
        title,
        purpose: this.$form.querySelector('.js-purpose').value.trim(),
        password: this.$form.querySelector('.js-password').value
      })
      this.showLinks(made)
    } catch (err) {
      this.$error.textContent = err.message
      this.$error.hidden = false
      announcer.announce(err.message)
      this.$button.disabled = false
      this.$button.textContent = 'Create the board'
    }
  }

  showLinks (made) {
    // The facilitator console makes its own wall links when asked
    // (POST /api/boards/{id}/tokens), so only its own link is passed on.
    const facilitator = made.links.facilitator
    const set = (selector, href, text) => {
      const $a = this.$links.querySelector(selector)
      $a.href = href
      $a.textContent = text
    }
    set('.js-link-facilitator', facilitator, made.links.facilitator.replace(/#.*/, '#…'))
    set('.js-link-join', made.links.join, made.links.join)
    set('.js-link-wall', made.links.wall, made.links.wall.replace(/#.*/, '#…'))
    this.$form.hidden = true
    this.$links.hidden = false
    this.$links.focus()
    announcer.announce('Your board is ready. Opening the facilitator console.')
    setTimeout(() => location.assign(facilitator), 1500)
  }

  clearErrors () {
    this.$error.hidden = true
    this.$titleError.hidden = true
    this.$titleGroup.classList.remove('cb-form-group--error')
    this.$title.removeAttribute('aria-invalid')
    this.$title.removeAttribute('aria-describedby')
  }
}

new JoinForm(document.querySelector('.js-join-form'))
new StartForm(document.querySelector('.js-start-form'), document.querySelector('.js-links'))
