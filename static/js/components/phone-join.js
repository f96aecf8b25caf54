// Joining on the phone: a new person (first name, group), someone who joined
// before on another device (their rejoin code), and, on a shared device, the
// people who used it before, to switch back to.

import { html, nothing, render } from '../lit.js'
import { GROUPS } from '../words.js'

export function normaliseCode (raw) {
  return String(raw ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')
}

export class JoinForm {
  constructor ($form, { onSubmit, announce }) {
    this.$form = $form
    this.onSubmit = onSubmit
    this.announce = announce
    this.$groupError = $form.querySelector('.js-group-error')
    this.$error = $form.querySelector('.js-join-error')
    this.$button = $form.querySelector('.js-join-button')
    render(GROUPS.map((group, i) => html`<div class="cb-choice cb-choice--radio">
      <input class="cb-choice__input" type="radio" name="group" id="group-${i}" value=${group.value}
        aria-describedby=${group.hint ? `group-${i}-hint` : nothing}>
      <label class="cb-choice__label" for="group-${i}"><span class="cb-choice__title">${group.label}</span>${group.hint
        ? html`<span class="cb-choice__hint" id="group-${i}-hint">${group.hint}</span>` : nothing}</label>
    </div>`), $form.querySelector('.js-group-choices'))
    $form.addEventListener('submit', (e) => this.submit(e))
  }

  async submit (event) {
    event.preventDefault()
    this.$error.hidden = true
    const group = this.$form.querySelector('input[name="group"]:checked')?.value
    if (!group) {
      this.$groupError.textContent = 'Choose the group that fits you best.'
      this.$groupError.hidden = false
      this.$form.querySelector('.js-group-group').classList.add('cb-form-group--error')
      this.$form.querySelector('input[name="group"]').focus()
      return
    }
    this.$groupError.hidden = true
    this.$form.querySelector('.js-group-group').classList.remove('cb-form-group--error')
    this.$button.disabled = true
    this.$button.textContent = 'Joining…'
    try {
      await this.onSubmit({ name: this.$form.querySelector('#join-name').value.trim(), group })
    } catch (err) {
      this.$error.textContent = err?.message ?? 'We could not join you. Try again.'
      this.$error.hidden = false
      this.announce(this.$error.textContent)
      this.$button.disabled = false
      this.$button.textContent = 'Join the workshop'
    }
  }
}

// Joined before, on another device: their own rejoin code brings them back.
export class RejoinForm {
  constructor ($details, { onSubmit, announce }) {
    this.$details = $details
    this.onSubmit = onSubmit
    this.announce = announce
    this.$form = $details.querySelector('.js-rejoin-form')
    this.$input = $details.querySelector('.js-rejoin-input')
    this.$error = $details.querySelector('.js-rejoin-error')
    this.$button = $details.querySelector('.js-rejoin-button')
    this.$form.addEventListener('submit', (event) => {
      event.preventDefault()
      this.submit(this.$input.value)
    })
  }

  #showError (text) {
    this.$error.textContent = text
    this.$error.hidden = false
    this.$details.querySelector('.js-rejoin-group').classList.add('cb-form-group--error')
    this.$input.setAttribute('aria-describedby', 'rejoin-code-hint rejoin-code-error')
    this.$input.setAttribute('aria-invalid', 'true')
    this.announce(text)
  }

  async submit (typed) {
    this.$details.open = true
    this.$error.hidden = true
    const rejoin = normaliseCode(typed)
    if (rejoin.length !== 6) {
      this.#showError(rejoin ? 'Your rejoin code has 6 letters or numbers. Check it and try again.' : 'Type your rejoin code first.')
      this.$input.focus()
      return
    }
    this.$input.value = `${rejoin.slice(0, 3)} ${rejoin.slice(3)}`
    this.$button.disabled = true
    this.$button.textContent = 'Signing you in…'
    try {
      await this.onSubmit(rejoin)
    } catch (err) {
      this.#showError(err?.message ?? 'We could not sign you in. Try again.')
      this.$input.focus()
    } finally {
      this.$button.disabled = false
      this.$button.textContent = 'Come back as me'
    }
  }
}

// On the join page of a shared device: the people who used it, to go back to.
export function switchBack ($root, people) {
  const known = people.list()
  render(known.length
    ? html`<div class="cb-switch-back js-switch-list">
        <p>Used this phone or tablet before?</p>
        <ul class="cb-sheet__list">${known.map((p) => html`<li><button type="button"
          class="cb-button cb-button--secondary cb-sheet__choice" @click=${() => { people.switchTo(p.token); location.reload() }}>Switch back to ${p.name || 'No name given'}${p.group
            ? `, ${GROUPS.find((g) => g.value === p.group)?.label.toLowerCase() ?? p.group}` : ''}</button></li>`)}</ul>
      </div>`
    : nothing, $root)
}

