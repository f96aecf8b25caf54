// Theme on a phone: one question at a time, large; themes as sections with
// their "I statement"; a tap on "Move to…" opens a sheet listing where the
// card can go. No dragging at all on the phone, so no action needs one.
//
// While the sheet is open the card is flagged as being moved (`moving`),
// so other screens show it; closing the sheet puts it down.

import { cardsIn, themeById, themesOf } from '../../board-state.js'
import { CarriedList } from '../../components/carried-list.js'
import { plural } from '../../dom.js'
import { html, nothing, render, repeat } from '../../lit.js'
import { allowed } from '../../policy.js'
import { CATEGORIES } from '../../words.js'
import { DealtHand } from './dealt.js'

export class MoveSheet {
  /**
   * @param {HTMLDialogElement} $dialog
   * @param {object} options  flags: MovingFlags; onChoose(card, themeId, title) -> Promise
   */
  constructor ($dialog, { flags, onChoose }) {
    this.$dialog = $dialog
    this.flags = flags
    this.onChoose = onChoose
    this.card = null
    this.$opener = null
    this.busy = false
    this.error = null
    $dialog.addEventListener('close', () => this.#closed())
  }

  open (state, card, { suggest = false, $opener = null } = {}) {
    this.card = card
    this.$opener = $opener
    this.suggest = suggest
    this.state = state
    this.busy = false
    this.error = null
    this.#draw()
    this.$dialog.setAttribute('aria-labelledby', 'sheet-heading')
    this.flags.pickUp(card.id)
    this.$dialog.showModal()
    this.$dialog.querySelector('.cb-sheet__choice, .js-sheet-cancel')?.focus()
  }

  #draw () {
    const { state, card, suggest } = this
    const current = card.theme_id ? themeById(state, card.theme_id) : null
    const places = [
      ...themesOf(state, card.category).filter((t) => t.id !== card.theme_id)
        .map((t) => ({ id: t.id, title: t.title, hint: t.i_statement })),
      ...(card.theme_id ? [{ id: null, title: 'Not in a theme', hint: 'Put it back with the cards not yet sorted' }] : [])
    ]
    render(html`<h2 class="cb-sheet__heading" id="sheet-heading">${suggest ? 'Suggest moving to…' : 'Move to…'}</h2>
      <p class="cb-sheet__card">“${card.text}”</p>
      <p class="cb-hint">${current ? `Now in: ${current.title}` : 'Now: not in a theme yet'}</p>
      ${suggest ? html`<p class="cb-hint">The facilitator will decide.</p>` : nothing}
      ${places.length
        ? html`<ul class="cb-sheet__list">${places.map((place) => html`<li><button type="button"
            class="cb-button cb-button--secondary cb-sheet__choice" ?disabled=${this.busy}
            @click=${() => this.#choose(place)}><span class="cb-sheet__choice-title">${place.title}</span>${place.hint
              ? html`<span class="cb-sheet__choice-hint">${place.hint}</span>` : nothing}</button></li>`)}</ul>`
        : html`<p class="cb-notice">There are no themes for this question yet.</p>`}
      <p class="cb-error-message js-sheet-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
      <button type="button" class="cb-button cb-button--secondary cb-button--block js-sheet-cancel" ?disabled=${this.busy}
        @click=${() => this.$dialog.close()}>Cancel</button>`, this.$dialog)
  }

  async #choose (place) {
    const card = this.card
    if (!card) return
    this.busy = true
    this.#draw()
    try {
      await this.onChoose(card, place.id, place.title)
      this.$dialog.close()
    } catch (err) {
      this.error = err?.message ?? 'That did not work. Try again.'
      this.busy = false
      this.#draw()
    }
  }

  #closed () {
    if (this.card) this.flags.putDown(this.card.id)
    const $opener = this.$opener
    this.card = null
    this.$opener = null
    if ($opener?.isConnected) return $opener.focus()
    // The list was redrawn while the sheet was open: find the same card's button.
    const key = $opener?.dataset.key
    if (key) document.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus()
  }
}

export class ThemePhone {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  connection, flags (MovingFlags), readAloud, announce, sheet (MoveSheet)
   */
  constructor ($root, { connection, flags, readAloud, announce, sheet }) {
    this.$root = $root
    this.connection = connection
    this.flags = flags
    this.readAloud = readAloud
    this.announce = announce
    this.sheet = sheet
    this.carried = new CarriedList({ readAloud })
    this.category = null
    this.newOpen = false
    this.newError = null
    this.making = false
    this.state = null
    this.dealt = new DealtHand({ connection, readAloud, announce, refresh: () => this.refresh() })
    this.onFlags = () => this.refresh()
    flags.addEventListener('change', this.onFlags)
  }

  unmount () {
    this.flags.removeEventListener('change', this.onFlags)
    this.dealt.unmount()
  }

  /** Whether this phone suggests moves (the policy lets it suggest, not move). */
  get suggesting () {
    return !this.#can('move_statement') && this.#can('suggest_move')
  }

  #can (type) {
    return Boolean(this.state) && allowed(this.connection, type, this.state)
  }

  render (state, { events = [] } = {}) {
    this.state = state
    if (state.dealing?.active) {
      // Theming together: this phone's own cards, one at a time, instead of every card.
      render(html`${this.dealt.template(state, events)}${this.carried.template(state)}`, this.$root)
      this.dealt.drawn(this.$root)
      return
    }
    // Start on the first question that has themes, else "not working".
    this.category ??= CATEGORIES.find((c) => themesOf(state, c.value).length)?.value ?? 'not working'
    render(html`<section class="cb-theming js-theming" aria-labelledby="theming-heading">
        <h2 id="theming-heading">Sort the statements into themes</h2>
        <div class="cb-switcher js-category-switcher" role="group" aria-label="Which question">${this.#switcher(state)}</div>
        <p class="cb-theming__category js-theming-category">${CATEGORIES.find((c) => c.value === this.category).title}</p>
        <p class="cb-hint js-theming-help">${this.suggesting
          ? 'The facilitator is moving the cards. Tap “Suggest a move” on a card to suggest where it should go.'
          : 'Tap “Move to…” on a card to put it in a theme.'}</p>
        ${this.#can('create_theme') ? this.#newTheme() : nothing}
        <div class="js-theme-sections">${this.#sections(state)}</div>
      </section>
      ${this.carried.template(state)}`, this.$root)
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  #switcher (state) {
    return CATEGORIES.map((c) => {
      const count = state.statements.filter((s) => s.category === c.value).length
      const choose = () => {
        this.category = c.value
        this.refresh()
        this.announce(`Showing ${c.title.toLowerCase()}.`)
      }
      return html`<button type="button" class="cb-button cb-button--secondary cb-switcher__button"
        aria-pressed=${String(c.value === this.category)} aria-label="${c.title} (${plural(count, 'card')})"
        @click=${choose}><span>${c.short}</span><span class="cb-switcher__count">${count}</span></button>`
    })
  }

  #sections (state) {
    const themes = themesOf(state, this.category)
    const unthemed = cardsIn(state, this.category, null)
    return html`${themes.length
        ? repeat(themes, (t) => t.id, (theme) => this.#theme(state, theme))
        : html`<p class="cb-notice">No themes yet for this question.</p>`}
      <section class="cb-theme cb-theme--unthemed" aria-labelledby="unthemed-heading">
        <h3 id="unthemed-heading" class="cb-theme__title">Not in a theme yet <span
          class="cb-theme__count">(${plural(unthemed.length, 'card')})</span></h3>
        ${unthemed.length
          ? html`<ul class="cb-card-list">${repeat(unthemed, (c) => c.id, (card) => this.#card(card))}</ul>`
          : html`<p class="cb-hint">Every card is in a theme.</p>`}
      </section>`
  }

  #theme (state, theme) {
    const cards = cardsIn(state, this.category, theme.id)
    const headingId = `theme-${theme.id}-heading`
    const spoken = theme.i_statement ? `${theme.title}. ${theme.i_statement}` : theme.title
    return html`<section class="cb-theme" data-theme=${theme.id} aria-labelledby=${headingId}>
      <h3 class="cb-theme__title" id=${headingId}>${theme.title}</h3>
      ${theme.i_statement ? html`<p class="cb-theme__i-statement">“${theme.i_statement}”</p>` : nothing}
      ${this.readAloud?.button(spoken, { label: 'Read theme aloud' }) ?? nothing}
      ${cards.length
        ? html`<details class="cb-theme__cards">
            <summary class="cb-theme__summary">Show its ${plural(cards.length, 'card')}</summary>
            <ul class="cb-card-list">${repeat(cards, (c) => c.id, (card) => this.#card(card))}</ul>
          </details>`
        : html`<p class="cb-theme__empty">No cards in this theme yet.</p>`}
    </section>`
  }

  #card (card) {
    const moving = this.flags.has(card.id)
    const textId = `card-${card.id}-text`
    const open = (event) => this.sheet.open(this.state, card, { suggest: this.suggesting, $opener: event.currentTarget })
    return html`<li class="cb-card js-card ${moving ? 'cb-card--moving' : ''}" data-id=${card.id}>
      ${card.mine ? html`<p class="cb-card__tags"><span class="cb-tag">Yours</span></p>` : nothing}
      <p class="cb-card__text" id=${textId}>${card.text}</p>
      <p class="cb-card__moving js-moving" ?hidden=${!moving}><span class="cb-tag cb-tag--moving">Being moved…</span></p>
      <div class="cb-card__actions">${this.#can('move_statement') || this.#can('suggest_move')
        ? html`<button type="button" class="cb-button cb-card__move js-move" data-key="move-${card.id}"
            aria-describedby=${textId} @click=${open}>${this.suggesting ? 'Suggest a move' : 'Move to…'}</button>` : nothing}${
        this.readAloud?.button(card.text) ?? nothing}</div>
    </li>`
  }

  // ---- a new theme -------------------------------------------------------

  #newTheme () {
    const toggle = () => {
      this.newOpen = true
      this.refresh()
      this.$root.querySelector('#new-theme-title')?.focus()
    }
    const cancel = () => {
      this.#closeNew()
      this.$root.querySelector('.js-new-theme-toggle')?.focus()
    }
    return html`<div class="cb-new-theme js-new-theme">
      <button type="button" class="cb-button cb-button--secondary cb-button--block js-new-theme-toggle"
        aria-expanded=${String(this.newOpen)} ?hidden=${this.newOpen} @click=${toggle}>+ New theme</button>
      <form class="cb-new-theme__form js-new-theme-form" novalidate ?hidden=${!this.newOpen} @submit=${(e) => this.#make(e)}>
        <h3>New theme</h3>
        <p class="cb-error-message js-new-theme-error" ?hidden=${!this.newError}>${this.newError ?? ''}</p>
        <div class="cb-form-group">
          <label class="cb-label" for="new-theme-title">Short name</label>
          <input class="cb-input" id="new-theme-title" type="text" maxlength="120" autocomplete="off">
        </div>
        <div class="cb-form-group">
          <label class="cb-label" for="new-theme-i">I statement (optional)</label>
          <p class="cb-hint" id="new-theme-i-hint">In a person’s own voice, for example: “I can’t get appointments when I want them.”</p>
          <textarea class="cb-textarea" id="new-theme-i" rows="3" maxlength="600" aria-describedby="new-theme-i-hint"></textarea>
        </div>
        <div class="cb-button-group">
          <button class="cb-button" type="submit" ?disabled=${this.making}>Make the theme</button>
          <button class="cb-button cb-button--secondary js-new-theme-cancel" type="button" @click=${cancel}>Cancel</button>
        </div>
      </form>
    </div>`
  }

  #closeNew () {
    this.newOpen = false
    this.newError = null
    this.refresh()
  }

  async #make (event) {
    event.preventDefault()
    const $form = event.currentTarget
    const $title = $form.querySelector('#new-theme-title')
    const $statement = $form.querySelector('#new-theme-i')
    const title = $title.value.trim()
    if (!title) {
      this.newError = 'Give the theme a short name.'
      this.refresh()
      this.announce(this.newError)
      $title.focus()
      return
    }
    this.making = true
    this.refresh()
    try {
      await this.connection.send({ type: 'create_theme', category: this.category, title, i_statement: $statement.value.trim() })
      this.announce(`Theme “${title}” made.`)
      $title.value = ''
      $statement.value = ''
      this.#closeNew()
      this.$root.querySelector('.js-new-theme-toggle')?.focus()
    } catch (err) {
      this.newError = err?.message ?? 'The theme was not made. Try again.'
    } finally {
      this.making = false
      this.refresh()
    }
  }
}
