// Cards people write on their phones while the room collects: keep new
// cards hidden until the facilitator shows them, and show the hidden ones.

import { html, nothing, render } from '../lit.js'

export class CardsPanel {
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.error = null
    this.state = null
  }

  render (state) {
    this.state = state
    const hidden = state.statements.filter((s) => s.hidden).length
    this.$root.hidden = !(state.stage === 'collect' || hidden > 0)
    const hiding = Boolean(state.hide_new_cards)
    const toggle = () => this.#send({ type: 'set_card_visibility', hide_new: !hiding },
      !hiding ? 'New cards stay hidden until you show them.' : 'New cards show to everyone straight away.')
    render(html`<h2 id="cards-heading">Cards people write</h2>
      <p class="cb-hint">People can add their own statements from their phones while you collect.</p>
      <div class="cb-button-group">
        <button type="button" class="cb-button cb-button--secondary cb-toggle js-hide-new" aria-pressed=${String(hiding)}
          @click=${toggle}>Keep new cards hidden until I show them</button>
        ${hidden
          ? html`<button type="button" class="cb-button js-reveal-cards"
              @click=${() => this.#send({ type: 'reveal_cards' }, 'Hidden cards are now shown to everyone.')}>Show hidden cards (${hidden})</button>`
          : nothing}
      </div>
      <p class="cb-error-message js-cards-error" ?hidden=${!this.error}>${this.error ?? ''}</p>`, this.$root)
  }

  async #send (command, done) {
    this.error = null
    try {
      await this.connection.send(command)
      this.announce(done)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
    }
    if (this.state) this.render(this.state)
  }
}
