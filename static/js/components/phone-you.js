// "You on this device": the phone's own menu. Who you joined as; your rejoin
// code (large, spaced, to read aloud or write down) and its QR code, to come
// back as yourself on another phone or tablet; on a shared tablet, the
// other people who use it, to switch to, or a new person joining here; and
// "Sign me out of this device", for a borrowed phone or tablet.
// Switching loads the page again as that person, so nobody's dots, ratings
// or unsent taps are ever mixed with another's. Signing out takes the person
// off this device only (their token, unsent taps and rejoin code): on the
// server they are still there, their dots still count, and their code still
// brings them back on any device.

import { html, nothing, render } from '../lit.js'
import { groupLabel } from '../words.js'
import { ModalDialog } from './dialog.js'

function personName (person) {
  const name = person?.name || 'No name given'
  return person?.group ? `${name}, ${groupLabel(person.group).toLowerCase()}` : name
}

/** "K 7 P, 4 M X": read out one character at a time by a screen reader. */
function spokenCode (code) {
  return `${code.slice(0, 3).split('').join(' ')}, ${code.slice(3).split('').join(' ')}`
}

export class YouSheet extends ModalDialog {
  /**
   * @param {HTMLDialogElement} $dialog
   * @param {object} options  connection, people (DevicePeople), announce, reload(),
   *   signedOut() (after "Sign me out of this device": the page starts again with nobody signed in)
   */
  constructor ($dialog, { connection, people, announce, reload = () => location.reload(), signedOut = reload }) {
    super($dialog)
    this.connection = connection
    this.people = people
    this.announce = announce
    this.reload = reload
    this.signedOut = signedOut
    this.busy = false
    this.error = null
    this.confirming = false // asking "Sign out of this device?"
    $dialog.setAttribute('aria-labelledby', 'you-heading')
    connection.addEventListener('status', () => { if (this.open) this.draw() })
  }

  /** Open it; `section` ("code" or "switch") is scrolled to and focused. */
  show (section = null) {
    this.error = null
    this.confirming = false
    this.draw()
    super.show(section ? `#you-${section}` : '#you-heading')
  }

  closed () {
    this.confirming = false
  }

  draw () {
    const me = this.people.me
    const you = this.connection.you ?? me
    const others = this.people.list().filter((p) => p.token !== me?.token)
    const pending = this.connection.pendingCount
    if (this.confirming) return this.#confirmSignOut(me?.rejoin, pending)
    render(html`<h2 class="cb-sheet__heading" id="you-heading" tabindex="-1">You on this device</h2>
      <p class="js-you-who">You joined as ${personName(you)}.</p>
      ${this.#code(me?.rejoin)}
      ${this.#switching(others, pending)}
      ${this.#leaving(pending)}
      <p class="cb-error-message js-you-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
      <button type="button" class="cb-button cb-button--secondary cb-button--block js-you-close"
        @click=${() => this.close()}>Close</button>`, this.$dialog)
  }

  #code (rejoin) {
    return html`<section class="cb-you-sheet__part js-you-code" aria-labelledby="you-code">
      <h3 id="you-code" tabindex="-1">Use another phone or tablet</h3>
      ${rejoin
        ? html`<p>Your rejoin code:</p>
          <p class="cb-rejoin-code js-rejoin-code" tabindex="-1"><span aria-hidden="true">${rejoin.spaced}</span><span
            class="cb-visually-hidden">${spokenCode(rejoin.code)}</span></p>
          <p>On the other phone or tablet, open this workshop (scan the code on the big screen),
            choose “I have joined before” and type this code. Or scan this square with it:</p>
          <img class="cb-rejoin-qr js-rejoin-qr" src=${rejoin.qr} width="200" height="200"
            alt="QR code that opens this workshop as you on another device">
          <p class="cb-hint">Keep it to yourself, like a PIN: anyone who has it can vote as you.
            Lost it? The person running the workshop can give you a new one.</p>`
        : html`<p>A rejoin code lets you come back as yourself on another phone or tablet, with your dots.</p>
          <button type="button" class="cb-button js-rejoin-show" ?disabled=${this.busy}
            @click=${() => this.#newCode()}>${this.busy ? 'Making your code…' : 'Show my rejoin code'}</button>`}
    </section>`
  }

  #switching (others, pending) {
    const wait = pending > 0
    return html`<section class="cb-you-sheet__part js-you-switch" aria-labelledby="you-switch">
      <h3 id="you-switch" tabindex="-1">Sharing this device?</h3>
      <p>Each person's dots stay their own. Switch to the person using it now.</p>
      ${wait ? html`<p class="cb-notice js-you-wait">Your last ${pending === 1 ? 'tap is' : 'taps are'} still being sent.
        Switch when the page says everything is sent.</p>` : nothing}
      ${others.length
        ? html`<ul class="cb-sheet__list js-you-others">${others.map((p) => html`<li>
            <button type="button" class="cb-button cb-button--secondary cb-sheet__choice" ?disabled=${wait}
              @click=${() => this.#switchTo(p)}>Switch to ${personName(p)}</button></li>`)}</ul>`
        : nothing}
      <button type="button" class="cb-button cb-button--secondary js-someone-else" ?disabled=${wait}
        @click=${() => this.#someoneElse()}>Someone else joins here</button>
    </section>`
  }

  #leaving (pending) {
    return html`<section class="cb-you-sheet__part js-you-leave" aria-labelledby="you-leave">
      <h3 id="you-leave" tabindex="-1">Not your phone or tablet?</h3>
      <p>When you have finished, sign out, so the next person cannot vote as you.</p>
      ${pending > 0 ? html`<p class="cb-notice js-you-leave-wait">Sign out when the page says everything is sent.</p>` : nothing}
      <button type="button" class="cb-button cb-button--block cb-you-sheet__leave js-sign-out" ?disabled=${pending > 0}
        @click=${() => this.#askSignOut()}>Sign me out of this device</button>
    </section>`
  }

  /** "Sign out of this device?", in the sheet itself: what stays (dots, code) and what goes. */
  #confirmSignOut (rejoin, pending) {
    render(html`<h2 class="cb-sheet__heading" id="you-heading" tabindex="-1">Sign out of this device?</h2>
      <div class="js-sign-out-confirm">
        <p>Your dots are kept. They still count.</p>
        ${rejoin
          ? html`<p>Your rejoin code still works, on any phone or tablet:</p>
            <p class="cb-rejoin-code"><span aria-hidden="true">${rejoin.spaced}</span><span
              class="cb-visually-hidden">${spokenCode(rejoin.code)}</span></p>
            <p>Write it down now if you need it. Choose “I have joined before” and type it to come back.</p>`
          : html`<p>To come back as you, ask the person running the workshop for your rejoin code.</p>`}
        <p>This phone or tablet will forget you. The next person to use it cannot vote as you.</p>
      </div>
      ${pending > 0 ? html`<p class="cb-notice">Your last taps are still being sent. Sign out when the page says everything is sent.</p>` : nothing}
      <div class="cb-you-sheet__buttons">
        <button type="button" class="cb-button cb-button--block js-sign-out-yes" ?disabled=${pending > 0}
          @click=${() => this.#signOut()}>Yes, sign me out</button>
        <button type="button" class="cb-button cb-button--secondary cb-button--block js-sign-out-no"
          @click=${() => this.#keepSignedIn()}>No, stay signed in</button>
      </div>`, this.$dialog)
  }

  #askSignOut () {
    if (this.connection.pendingCount) return
    this.confirming = true
    this.draw()
    this.$dialog.querySelector('#you-heading')?.focus()
  }

  #keepSignedIn () {
    this.confirming = false
    this.draw()
    this.$dialog.querySelector('.js-sign-out')?.focus()
  }

  #signOut () {
    if (this.connection.pendingCount) return
    // The socket closes first, so nothing arriving now puts this person back on the list.
    this.connection.close()
    const tokens = new Set([this.people.me?.token, this.connection.token].filter(Boolean))
    for (const token of tokens) this.people.forget(token)
    this.signedOut()
  }

  async #newCode () {
    this.busy = true
    this.error = null
    this.draw()
    try {
      const rejoin = await this.connection.newRejoinCode()
      this.people.setRejoin(rejoin)
      this.announce(`Your rejoin code is ${spokenCode(rejoin.code)}.`)
    } catch (err) {
      this.error = err?.message ?? 'We could not make your code. Try again.'
      this.announce(this.error)
    }
    this.busy = false
    this.draw()
    this.$dialog.querySelector('.js-rejoin-code, .js-rejoin-show')?.focus()
  }

  #switchTo (person) {
    if (this.connection.pendingCount) return
    this.people.switchTo(person.token)
    this.reload()
  }

  #someoneElse () {
    if (this.connection.pendingCount) return
    this.people.leave()
    this.reload()
  }
}
