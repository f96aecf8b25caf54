// What the phone's views for the second day share: forms that open from a
// button, that keep their words until the server says yes, and that show a
// refusal next to the control (the connection says it in the live region
// too); a heading to come back to; read-aloud on everything.
//
// A view extends PhoneWork and implements `template(state)`; `render(state)`
// draws it, and local changes (a form opened, a tap) draw again from the
// last state.

import { CharacterCount } from './character-count.js'
import { html, nothing, render } from '../lit.js'
import { allowed } from '../policy.js'

export const TEXT_MAX = 600

export class PhoneWork {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  connection, readAloud, announce
   */
  constructor ($root, { connection, readAloud, announce }) {
    this.$root = $root
    this.connection = connection
    this.readAloud = readAloud
    this.announce = announce
    this.open = new Set() // forms shown, by key
    this.sending = new Set()
    this.errors = new Map() // key -> message from the server or a check
    this.counts = new WeakMap() // textarea -> CharacterCount
    this.state = null
  }

  render (state) {
    this.state = state
    render(html`<section class="cb-d2 js-day-two" aria-label="Today's work">${this.template(state)}</section>`, this.$root)
    // Each textarea with a count gets its counter once, and every count is
    // brought up to date (a refused form keeps its words).
    for (const $text of this.$root.querySelectorAll('textarea[data-count]')) {
      let count = this.counts.get($text)
      if (!count) {
        count = new CharacterCount($text, document.getElementById($text.dataset.count), { max: TEXT_MAX, announce: this.announce })
        this.counts.set($text, count)
      }
      count.update()
    }
  }

  template () {
    return nothing
  }

  /** Whether this person may send a command of `type` now (the server's policy). */
  can (type) {
    return Boolean(this.state) && allowed(this.connection, type, this.state)
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  // ---- pieces ---------------------------------------------------------------

  speak (text) {
    return this.readAloud?.button(text) ?? nothing
  }

  error (key) {
    const message = this.errors.get(key)
    return message ? html`<p class="cb-error-message js-d2-error" id="${key}-error">${message}</p>` : nothing
  }

  focus (dataKey) {
    requestAnimationFrame(() => {
      this.$root.querySelector(`[data-key="${CSS.escape(dataKey)}"]`)?.focus()
    })
  }

  heading (title, intro) {
    return html`<h2 class="cb-d2__heading" tabindex="-1" data-key="d2-heading">${title}</h2>
      ${intro ? html`<p class="cb-d2__intro">${intro}</p>` : nothing}`
  }

  empty (text) {
    return html`<p class="cb-d2-empty">${text}</p>`
  }

  /** A button that opens a form, and the form once open. */
  toggle (key, label, buildForm, { secondary = true } = {}) {
    const isOpen = this.open.has(key)
    const flip = () => {
      if (this.open.has(key)) {
        this.open.delete(key)
        this.errors.delete(key)
        this.refresh()
        this.focus(`${key}-toggle`)
      } else {
        this.open.add(key)
        this.refresh()
        this.focus(`${key}-text`)
      }
    }
    return html`<button type="button" class="cb-button ${secondary ? 'cb-button--secondary' : ''} cb-d2-toggle js-d2-toggle"
        data-key="${key}-toggle" aria-expanded=${String(isOpen)} aria-controls="${key}-form" @click=${flip}><span
        aria-hidden="true">${isOpen ? '−' : '+'}</span> ${label}</button>${isOpen ? buildForm() : nothing}`
  }

  /** A short text form: label, hint, the error, a textarea with its count, send and cancel. */
  textForm (key, { label, hint, submit, extra = nothing, command, done }) {
    const textId = `${key}-text`
    const countId = `${key}-count`
    const hintId = hint ? `${key}-hint` : null
    const error = this.errors.get(key)
    const sending = this.sending.has(key)
    const describedBy = [hintId, error ? `${key}-error` : null, countId].filter(Boolean).join(' ')
    const cancel = () => {
      this.open.delete(key)
      this.errors.delete(key)
      this.refresh()
      this.focus(`${key}-toggle`)
    }
    const onSubmit = (event) => {
      event.preventDefault()
      const $form = event.currentTarget
      const text = $form.querySelector('textarea').value.trim()
      if (!text) return this.fail(key, 'Write something first.', textId)
      if (text.length > TEXT_MAX) return this.fail(key, `Use ${TEXT_MAX} characters or fewer.`, textId)
      this.send(key, command(text, $form), done)
    }
    return html`<form class="cb-d2-form" id="${key}-form" novalidate @submit=${onSubmit}>
      <div class="cb-form-group ${error ? 'cb-form-group--error' : ''}">
        <label class="cb-label" for=${textId}>${label}</label>
        ${hint ? html`<p class="cb-hint" id=${hintId}>${hint}</p>` : nothing}
        ${this.error(key)}
        <textarea class="cb-textarea ${error ? 'cb-textarea--error' : ''}" id=${textId} rows="3" data-key=${textId}
          data-count=${countId} aria-describedby=${describedBy} aria-invalid=${error ? 'true' : nothing}></textarea>
        <p class="cb-hint cb-character-count__message" id=${countId}></p>
      </div>
      ${extra}
      ${sending && !this.connection.online
        ? html`<p class="cb-hint">Saved on this phone. It will send when you are back online.</p>`
        : nothing}
      <div class="cb-button-group cb-d2-form__buttons">
        <button type="submit" class="cb-button" ?disabled=${sending}>${sending ? 'Sending…' : submit}</button>
        <button type="button" class="cb-button cb-button--secondary js-d2-cancel" @click=${cancel}>Cancel</button>
      </div>
    </form>`
  }

  // The connection says a refusal too, but a "back online" note can follow
  // straight after and take the live region; say it again, last.
  said (key) {
    this.announce(this.errors.get(key))
  }

  fail (key, message, focusKey) {
    this.errors.set(key, message)
    this.announce(message)
    this.refresh()
    if (focusKey) this.focus(focusKey)
  }

  async send (key, command, done) {
    this.sending.add(key)
    this.errors.delete(key)
    this.refresh()
    try {
      await this.connection.send(command)
      this.open.delete(key)
      this.announce(done)
      this.sending.delete(key)
      this.refresh()
      this.focus(`${key}-toggle`)
    } catch (error) {
      this.sending.delete(key)
      this.errors.set(key, error?.message ?? 'That did not work. Try again.')
      this.said(key)
      this.refresh()
      this.focus(`${key}-text`)
      // Keep the message in sight above the field it is about.
      requestAnimationFrame(() => document.getElementById(`${key}-error`)?.scrollIntoView({ block: 'center' }))
    }
  }
}
