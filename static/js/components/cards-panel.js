// Cards people write on their phones while the room collects: keep new
// cards hidden until the facilitator shows them, and show the hidden ones.
// Later stages get a one-line strip while any card is still hidden.

import { html, nothing } from '../lit.js'

export class CardsPanel {
  constructor ({ connection, announce, onChange }) {
    this.connection = connection
    this.announce = announce
    this.onChange = onChange
    this.error = null
  }

  #hidden (state) {
    return state.statements.filter((s) => s.hidden).length
  }

  #reveal (hidden) {
    return html`<button type="button" class="cb-button js-reveal-cards"
      @click=${() => this.#send({ type: 'reveal_cards' }, 'Hidden cards are now shown to everyone.')}>Show hidden cards (${hidden})</button>`
  }

  /** The whole panel, for Collect. */
  template (state) {
    const hidden = this.#hidden(state)
    const hiding = Boolean(state.hide_new_cards)
    const toggle = () => this.#send({ type: 'set_card_visibility', hide_new: !hiding },
      !hiding ? 'New cards stay hidden until you show them.' : 'New cards show to everyone straight away.')
    return html`<section class="cb-region js-cards-section" aria-labelledby="cards-heading">
      <h2 id="cards-heading">Cards people write</h2>
      <p class="cb-hint">People can add their own statements from their phones while you collect.</p>
      <div class="cb-button-group">
        <button type="button" class="cb-button cb-button--secondary cb-toggle js-hide-new" aria-pressed=${String(hiding)}
          @click=${toggle}>Keep new cards hidden until I show them</button>
        ${hidden ? this.#reveal(hidden) : nothing}
      </div>
      ${this.#error()}
    </section>`
  }

  /** A line while cards are still hidden (nothing otherwise), for the stages after. */
  strip (state) {
    const hidden = this.#hidden(state)
    if (!hidden) return nothing
    return html`<div class="cb-vote-strip"><p class="cb-vote-strip__text">${hidden === 1 ? 'One card people wrote is' : `${hidden} cards people wrote are`} still hidden.</p>
      ${this.#reveal(hidden)}${this.#error()}</div>`
  }

  #error () {
    return this.error ? html`<p class="cb-error-message js-cards-error" role="alert">${this.error}</p>` : nothing
  }

  async #send (command, done) {
    this.error = null
    try {
      await this.connection.send(command)
      this.announce(done)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
    }
    this.onChange()
  }
}
