// Theming together, on the console: a strip above the tray. Before: how
// many cards a phone holds and how long it has to place them, and "Deal out
// to the phones". While dealing: where the question's cards are (themed, in
// hands, in the pile, for review, suggested) as a bar and in words, the
// review tray, and "Stop dealing". After: the room's placements to look
// over, each movable elsewhere, and "Accept all".

import { dealingProgress, liveCards, themeById, themesOf } from '../../board-state.js'
import { ModalDialog } from '../../components/dialog.js'
import { plural } from '../../dom.js'
import { cssProps, html, nothing, render } from '../../lit.js'
import { allowed } from '../../policy.js'
import { CATEGORIES } from '../../words.js'

const titleOf = (category) => CATEGORIES.find((c) => c.value === category)?.title ?? category

export class DealingStrip {
  /** @param {object} context  connection, announce, confirm (ConfirmDialog), onChange() */
  constructor ({ connection, announce, confirm, onChange }) {
    this.connection = connection
    this.announce = announce
    this.confirm = confirm
    this.onChange = onChange
    this.handSize = 3
    this.minutes = 3
    this.error = null
    this.busy = false
    this.review = null
  }

  /** The strip for the console's question `category`. */
  template (state, category) {
    const dealing = state.dealing
    if (!dealing && !allowed(this.connection, 'start_dealing', state)) return nothing
    const left = state.statements.some((s) => s.category === category && !s.theme_id && !s.hidden)
    if (!dealing && !left) return nothing
    return html`<div class="cb-vote-strip cb-dealing js-dealing">
      ${dealing?.active ? this.#running(state) : dealing ? this.#stopped(state) : this.#start(state, category)}
      ${this.error ? html`<p class="cb-error-message js-dealing-error" role="alert">${this.error}</p>` : nothing}
    </div>
    <dialog class="cb-dialog cb-dialog--wide js-review-dialog" aria-labelledby="review-title"></dialog>`
  }

  #start (state, category) {
    const left = state.statements.filter((s) => s.category === category && !s.theme_id && !s.hidden).length
    const start = (event) => {
      event.preventDefault()
      const $form = event.currentTarget
      this.handSize = Number($form.querySelector('#deal-hand').value)
      this.minutes = Number($form.querySelector('#deal-minutes').value)
      this.#send({ type: 'start_dealing', category, hand_size: this.handSize, timeout_seconds: this.minutes * 60 },
        `Dealing ${titleOf(category).toLowerCase()} out to the phones.`)
    }
    return html`<form class="cb-dealing__form js-dealing-form" @submit=${start}>
      <p class="cb-vote-strip__text"><strong>Theme together:</strong> deal the ${plural(left, 'card')} not yet
        themed out to the phones, a few each.</p>
      <label class="cb-label cb-dealing__label" for="deal-hand">Cards a phone</label>
      <select class="cb-select cb-dealing__select" id="deal-hand">${[1, 2, 3, 4, 5, 6].map((n) =>
        html`<option value=${n} ?selected=${n === this.handSize}>${n}</option>`)}</select>
      <label class="cb-label cb-dealing__label" for="deal-minutes">Time to place them</label>
      <select class="cb-select cb-dealing__select" id="deal-minutes">${[1, 2, 3, 5, 10].map((n) =>
        html`<option value=${n} ?selected=${n === this.minutes}>${plural(n, 'minute')}</option>`)}</select>
      <button type="submit" class="cb-button cb-button--small js-deal" ?disabled=${this.busy}>Deal out to the phones</button>
    </form>`
  }

  #running (state) {
    const p = dealingProgress(state)
    const review = liveCards(state, state.dealing.review).length
    const stop = async () => {
      const yes = await this.confirm.ask({
        title: 'Stop dealing cards out?',
        body: `Every phone gives its cards back (${plural(p.in_hands, 'card')} now). What the room placed stays where it is, for you to look over.`,
        yes: 'Stop dealing',
        yesClass: 'js-stop-yes'
      })
      if (yes) this.#send({ type: 'stop_dealing' }, 'Dealing stopped. The phones gave their cards back.')
    }
    return html`<div class="cb-dealing__now">
        <p class="cb-vote-strip__text js-dealing-progress"><strong>Theme together, “${titleOf(state.dealing.category)}”:</strong>
          ${p.themed} of ${plural(p.total, 'card')} themed · ${p.in_hands} in ${plural(p.seats, 'hand')} ·
          ${p.pile} in the pile${p.suggested ? ` · ${p.suggested} suggested` : ''}${review ? ` · ${review} for review` : ''}</p>
        ${this.#bar(p)}
      </div>
      ${this.#reviewButton(state, `Review (${(state.dealing.placed ?? []).length + review})`)}
      <button type="button" class="cb-button cb-button--warning cb-button--small js-stop-dealing" ?disabled=${this.busy}
        @click=${stop}>Stop dealing</button>`
  }

  #stopped (state) {
    return html`<p class="cb-vote-strip__text js-dealing-progress"><strong>Theme together has stopped.</strong>
        The room placed ${plural((state.dealing.placed ?? []).length, 'card')} of “${titleOf(state.dealing.category)}”.
        Look them over, move any elsewhere, then accept them.</p>
      ${this.#reviewButton(state, 'Review the room’s placements')}
      <button type="button" class="cb-button cb-button--small js-accept-placements" ?disabled=${this.busy}
        @click=${() => this.#send({ type: 'accept_placements' }, 'The room’s placements are accepted.')}>Accept all</button>`
  }

  #bar (p) {
    const part = (n, kind, label) => n
      ? html`<span class="cb-dealing__part cb-dealing__part--${kind}" ${cssProps({ 'flex-grow': String(n) })}
          title="${n} ${label}"></span>`
      : nothing
    return html`<div class="cb-dealing__bar" aria-hidden="true">${part(p.themed, 'themed', 'themed')}${part(p.in_hands, 'held', 'in hands')}${
      part(p.suggested + p.review, 'review', 'waiting for you')}${part(p.pile, 'pile', 'in the pile')}</div>`
  }

  #reviewButton (state, label) {
    return html`<button type="button" class="cb-button cb-button--secondary cb-button--small js-review-dealt" aria-haspopup="dialog"
      @click=${(event) => this.#openReview(state, event.currentTarget)}>${label}</button>`
  }

  #openReview (state, $opener) {
    const $dialog = $opener.closest('.js-dealing')?.nextElementSibling
    if (!$dialog) return
    // A new dialog element when the strip was away meanwhile (another question shown).
    if (this.review?.$dialog !== $dialog) this.review = new ReviewDialog($dialog, this)
    this.review.$opener = $opener
    this.review.open(state)
  }

  /** Draw the review dialog again while it is open (the board changed). */
  redraw (state) {
    if (this.review?.open) this.review.draw(state)
  }

  async #send (command, done) {
    this.busy = true
    this.error = null
    this.onChange()
    try {
      await this.connection.send(command)
      this.announce(done)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
    } finally {
      this.busy = false
      this.onChange()
    }
  }

  send (command, done) {
    return this.#send(command, done)
  }
}

/** The room's placements and the cards two people were not sure of: move any, or accept all. */
class ReviewDialog extends ModalDialog {
  constructor ($dialog, strip) {
    super($dialog)
    this.strip = strip
  }

  open (state) {
    this.draw(state)
    this.show('.js-review-close')
  }

  draw (state) {
    this.state = state
    const dealing = state.dealing
    if (!dealing) return this.close()
    const byId = new Map(state.statements.map((s) => [s.id, s]))
    const unsure = liveCards(state, dealing.review)
    const placed = (dealing.placed ?? []).map((id) => byId.get(id)).filter(Boolean)
    const themes = themesOf(state, dealing.category)
    const byTheme = themes.map((t) => ({ theme: t, cards: placed.filter((c) => c.theme_id === t.id) })).filter((g) => g.cards.length)
    const moved = placed.filter((c) => !themeById(state, c.theme_id))
    const row = (card) => html`<li class="cb-review__card">
      <p class="cb-review__text">${card.text}</p>
      <label class="cb-visually-hidden" for="review-${card.id}">Where “${card.text.slice(0, 60)}” goes</label>
      <select class="cb-select cb-review__select js-review-move" id="review-${card.id}" data-id=${card.id}
        @change=${(e) => this.#move(card, e.currentTarget.value)}>
        <option value="" ?selected=${!card.theme_id}>Not in a theme</option>
        ${themes.map((t) => html`<option value=${t.id} ?selected=${t.id === card.theme_id}>${t.title}</option>`)}
      </select>
    </li>`
    render(html`<div class="cb-dialog__form cb-review">
      <h2 class="cb-dialog__title" id="review-title">The room’s theming of “${titleOf(dealing.category)}”</h2>
      <div class="cb-review__lists cb-scroll">
        ${unsure.length ? html`<section class="cb-review__group" aria-labelledby="review-unsure">
          <h3 id="review-unsure">Two people were not sure (${unsure.length})</h3>
          <ul class="cb-review__cards">${unsure.map(row)}</ul></section>` : nothing}
        ${byTheme.map(({ theme, cards }) => html`<section class="cb-review__group" aria-labelledby="review-${theme.id}">
          <h3 id="review-${theme.id}">${theme.title} (${cards.length})</h3>
          <ul class="cb-review__cards">${cards.map(row)}</ul></section>`)}
        ${moved.length ? html`<section class="cb-review__group" aria-labelledby="review-out">
          <h3 id="review-out">Taken out of a theme since (${moved.length})</h3>
          <ul class="cb-review__cards">${moved.map(row)}</ul></section>` : nothing}
        ${!unsure.length && !placed.length ? html`<p>The room has not placed any cards yet.</p>` : nothing}
      </div>
      <div class="cb-button-group cb-dialog__buttons">
        <button type="button" class="cb-button js-review-accept" ?disabled=${!placed.length && dealing.active}
          @click=${() => this.#accept()}>Accept all${placed.length ? ` ${placed.length}` : ''}</button>
        <button type="button" class="cb-button cb-button--secondary js-review-close" @click=${() => this.close()}>Close</button>
      </div>
    </div>`, this.$dialog)
  }

  async #move (card, themeId) {
    await this.strip.send({ type: 'move_statement', statement_id: card.id, theme_id: themeId || null },
      themeId ? `Moved to ${themeById(this.state, themeId)?.title}.` : 'Taken out of its theme.')
  }

  async #accept () {
    await this.strip.send({ type: 'accept_placements' }, 'The room’s placements are accepted.')
    this.close()
  }
}
