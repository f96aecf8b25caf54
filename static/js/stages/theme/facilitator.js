// Theme on the console, one question at a time: make, rename, merge, split
// and delete themes; move cards by dragging (HTML5 drag and drop) or, with
// no drag at all, by each card's "Move to" list and button. Also: who may
// move cards, and the queue of suggested moves.

import { cardsIn, themeById, themesOf } from '../../board-state.js'
import { plural } from '../../dom.js'
import { html, nothing, render, repeat } from '../../lit.js'
import { CATEGORIES } from '../../words.js'

const short = (text, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text)

export class ThemeConsole {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  connection, flags (MovingFlags), announce
   */
  constructor ($root, { connection, flags, announce }) {
    this.$root = $root
    this.connection = connection
    this.flags = flags
    this.announce = announce
    this.category = 'not working'
    this.open = new Map() // theme id (or 'new') -> 'edit' | 'merge' | 'delete' | 'split'
    this.errors = new Map() // where -> message
    this.state = null
    this.dragging = null
    this.onFlags = () => this.refresh()
    flags.addEventListener('change', this.onFlags)
  }

  unmount () {
    this.flags.removeEventListener('change', this.onFlags)
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  render (state) {
    this.state = state
    const themes = themesOf(state, this.category)
    const unthemed = cardsIn(state, this.category, null)
    render(html`<section class="cb-fac-section js-theming-section" aria-labelledby="theming-heading">
      <h2 id="theming-heading">Themes</h2>
      <div class="js-workspace" @dragstart=${(e) => this.#dragStart(e)} @dragend=${() => this.#dragEnd()}
          @dragover=${(e) => this.#dragOver(e)} @dragleave=${(e) => e.target.closest?.('.js-drop')?.classList.remove('cb-drop--over')}
          @drop=${(e) => this.#drop(e)}>
        ${this.#modeSwitch(state)}
        ${this.#suggestions(state)}
        <div class="cb-tabs" role="group" aria-label="Which question to theme">${CATEGORIES.map((c) => html`<button type="button"
          class="cb-button cb-button--secondary cb-tabs__tab" aria-pressed=${String(c.value === this.category)}
          @click=${() => this.#chooseCategory(c.value)}>${c.title} (${state.statements.filter((s) => s.category === c.value).length})</button>`)}</div>
        ${this.#newTheme()}
        ${this.#error('move')}
        <div class="cb-workspace">
          ${this.#column(null, 'Not yet themed', '', unthemed, themes)}
          <div class="cb-columns">
            ${themes.length ? nothing : html`<p class="cb-hint">No themes yet for this question. Create one to start sorting.</p>`}
            ${repeat(themes, (t) => t.id, (theme) => this.#column(theme, theme.title, theme.i_statement, cardsIn(state, this.category, theme.id), themes))}
          </div>
        </div>
      </div>
    </section>`, this.$root)
  }

  #chooseCategory (category) {
    this.category = category
    this.open.clear()
    this.refresh()
  }

  #modeSwitch (state) {
    const everyone = state.theming_mode === 'everyone'
    const mode = (value, text) => html`<button type="button" class="cb-button cb-button--secondary cb-toggle"
      aria-pressed=${String((value === 'everyone') === everyone)} @click=${() => this.#setMode(value)}>${text}</button>`
    return html`<div class="cb-mode">
      <p class="cb-mode__label" id="mode-label">Who moves the cards?</p>
      <div class="cb-button-group" role="group" aria-labelledby="mode-label">
        ${mode('everyone', 'Everyone moves cards')}
        ${mode('facilitators', 'Only facilitators, participants suggest')}
      </div>
      ${this.#error('mode')}
    </div>`
  }

  async #setMode (mode) {
    if (this.state.theming_mode === mode) return
    await this.#send('mode', { type: 'set_theming_mode', mode },
      mode === 'everyone' ? 'Everyone can move cards now.' : 'Only facilitators move cards now. Participants can suggest moves.')
  }

  #suggestions (state) {
    const waiting = state.suggestions ?? []
    if (!waiting.length && state.theming_mode === 'everyone') return nothing
    return html`<section class="cb-suggestions" aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading">Suggested moves (${waiting.length})</h3>
      ${waiting.length
        ? html`<ul class="cb-suggestions__list">${repeat(waiting, (s) => s.id, (s) => {
          const card = state.statements.find((x) => x.id === s.statement_id)
          const to = s.theme_id ? themeById(state, s.theme_id)?.title ?? 'a theme that is gone' : 'Not yet themed'
          const settle = (action) => () => this.#send(`suggestion-${s.id}`, { type: `${action}_suggestion`, suggestion_id: s.id },
            action === 'accept' ? 'Suggestion accepted. The card has moved.' : 'Suggestion dismissed.')
          return html`<li class="cb-suggestion js-suggestion" data-id=${s.id}>
            <p>Move “<span>${short(card?.text ?? 'a card', 90)}</span>” to <strong>${to}</strong></p>
            <div class="cb-button-group">
              <button type="button" class="cb-button" @click=${settle('accept')}>Accept</button>
              <button type="button" class="cb-button cb-button--secondary" @click=${settle('dismiss')}>Dismiss</button>
            </div>
            ${this.#error(`suggestion-${s.id}`)}
          </li>`
        })}</ul>`
        : html`<p class="cb-hint">No suggestions waiting.</p>`}
    </section>`
  }

  #newTheme () {
    if (this.open.get('new') !== 'new') {
      return html`<div class="cb-button-group"><button type="button" class="cb-button js-new-theme"
        @click=${() => this.#openTool('new', 'new')}>+ Create a theme</button></div>`
    }
    return html`<form class="cb-theme-form js-new-theme-form" novalidate @submit=${(e) => this.#create(e)}>
      <h3>New theme</h3>
      ${this.#error('new')}
      <div class="cb-form-group">
        <label class="cb-label" for="fac-new-title">Theme title</label>
        <input class="cb-input" id="fac-new-title" type="text" maxlength="120" autocomplete="off">
      </div>
      <div class="cb-form-group">
        <label class="cb-label" for="fac-new-i">I statement (optional)</label>
        <textarea class="cb-textarea" id="fac-new-i" rows="2" maxlength="600"></textarea>
      </div>
      <div class="cb-button-group">
        <button type="submit" class="cb-button">Create the theme</button>
        <button type="button" class="cb-button cb-button--secondary" @click=${() => this.#closeTool('new')}>Cancel</button>
      </div>
    </form>`
  }

  #column (theme, title, iStatement, cards, themes) {
    const id = theme?.id ?? ''
    const headingId = `col-${id || 'unthemed'}-heading`
    return html`<section class="cb-column js-drop ${theme ? '' : 'cb-column--unthemed'}" data-theme=${id} aria-labelledby=${headingId}>
      <h3 class="cb-column__title" id=${headingId}><span>${title}</span><span class="cb-column__count"> (${plural(cards.length, 'card')})</span></h3>
      ${iStatement ? html`<p class="cb-column__i-statement">“${iStatement}”</p>` : nothing}
      ${theme ? this.#themeTools(theme, themes, cards.length) : html`<p class="cb-hint">Drag cards to a theme, or use “Move to”.</p>`}
      ${cards.length
        ? html`<ul class="cb-column__cards">${repeat(cards, (c) => c.id, (card) => this.#card(card, themes, Boolean(theme)))}</ul>`
        : html`<p class="cb-column__empty">${theme ? 'Drop cards here.' : 'Every card is in a theme.'}</p>`}
    </section>`
  }

  #themeTools (theme, themes, count) {
    const mode = this.open.get(theme.id)
    const act = (what, text) => html`<button type="button" class="cb-button cb-button--secondary cb-button--small"
      data-tool="${what}-${theme.id}" aria-expanded=${String(mode === what)} aria-label="${text} ${theme.title}"
      @click=${() => this.#openTool(theme.id, what)}>${text}</button>`
    const cancel = html`<button type="button" class="cb-button cb-button--secondary" @click=${() => this.#closeTool(theme.id)}>Cancel</button>`
    const others = themes.filter((t) => t.id !== theme.id)
    let panel = nothing
    if (mode === 'edit') {
      panel = html`<form class="cb-theme-form" data-form="edit" novalidate @submit=${(e) => this.#edit(e, theme)}>
        <div class="cb-form-group">
          <label class="cb-label" for="edit-title-${theme.id}">Title</label>
          <input class="cb-input" id="edit-title-${theme.id}" type="text" maxlength="120" .value=${theme.title}>
        </div>
        <div class="cb-form-group">
          <label class="cb-label" for="edit-i-${theme.id}">I statement</label>
          <textarea class="cb-textarea" id="edit-i-${theme.id}" rows="2" maxlength="600" .value=${theme.i_statement ?? ''}></textarea>
        </div>
        <div class="cb-button-group"><button type="submit" class="cb-button">Save</button>${cancel}</div>
      </form>`
    } else if (mode === 'merge') {
      panel = others.length
        ? html`<form class="cb-theme-form" data-form="merge" novalidate @submit=${(e) => this.#merge(e, theme)}>
            <label class="cb-label" for="merge-${theme.id}">Merge “${theme.title}” into</label>
            <select class="cb-select" id="merge-${theme.id}">${others.map((t) => html`<option value=${t.id}>${t.title}</option>`)}</select>
            <p class="cb-hint">Its ${plural(count, 'card')} move there and this theme goes.</p>
            <div class="cb-button-group"><button type="submit" class="cb-button">Merge</button>${cancel}</div>
          </form>`
        : html`<p class="cb-hint">There is no other theme to merge into.</p>`
    } else if (mode === 'split') {
      panel = html`<form class="cb-theme-form" data-form="split" novalidate @submit=${(e) => this.#split(e, theme)}>
        <p class="cb-hint">Tick the cards below to split off, give the new theme a title, then split.</p>
        <label class="cb-label" for="split-title-${theme.id}">New theme title</label>
        <input class="cb-input" id="split-title-${theme.id}" type="text" maxlength="120">
        <div class="cb-button-group"><button type="submit" class="cb-button">Split off the ticked cards</button>${cancel}</div>
      </form>`
    } else if (mode === 'delete') {
      panel = html`<div class="cb-confirm" role="group" aria-label="Delete ${theme.title}">
        <p class="cb-confirm__question">Delete “${theme.title}”?</p>
        <p class="cb-hint">Its ${plural(count, 'card')} go back to “Not yet themed”. Nothing else is lost.</p>
        <div class="cb-button-group">
          <button type="button" class="cb-button cb-button--warning js-yes-delete" @click=${() => this.#delete(theme)}>Yes, delete it</button>${cancel}
        </div>
      </div>`
    }
    return html`<div class="cb-column__tools">
      <div class="cb-button-group cb-button-group--tight">${act('edit', 'Edit')}${act('merge', 'Merge')}${act('split', 'Split')}${act('delete', 'Delete')}</div>
      ${this.#error(theme.id)}
      ${panel}
    </div>`
  }

  #card (card, themes, inTheme) {
    const selectId = `move-${card.id}`
    const splitting = inTheme && this.open.get(card.theme_id) === 'split'
    const moving = this.flags.has(card.id)
    return html`<li class="cb-fcard js-card ${card.hidden ? 'cb-fcard--hidden' : ''} ${moving ? 'cb-fcard--moving' : ''}"
        data-id=${card.id} draggable="true">
      ${splitting
        ? html`<div class="cb-choice cb-choice--checkbox cb-fcard__split">
            <input class="cb-choice__input" type="checkbox" id="split-${card.id}" value=${card.id}>
            <label class="cb-choice__label" for="split-${card.id}"><span class="cb-visually-hidden">Split off: </span><span>${card.text}</span></label>
          </div>`
        : html`<p class="cb-fcard__text">${card.text}</p>`}
      <p class="cb-fcard__tags">${card.hidden ? html`<span class="cb-tag">Hidden</span>` : nothing}<span
        class="cb-tag cb-tag--moving js-moving" ?hidden=${!moving}>Being moved…</span></p>
      <div class="cb-fcard__move">
        <label class="cb-visually-hidden" for=${selectId}>Move “${short(card.text, 40)}” to</label>
        <select class="cb-select cb-select--small" id=${selectId} @change=${() => this.#clearError('move')}>
          <option value="" selected>Move to…</option>
          ${themes.filter((t) => t.id !== card.theme_id).map((t) => html`<option value=${t.id}>${t.title}</option>`)}
          ${card.theme_id ? html`<option value="-">Not yet themed</option>` : nothing}
        </select>
        <button type="button" class="cb-button cb-button--secondary cb-button--small" aria-label="Move “${short(card.text, 40)}”"
          @click=${(e) => this.#moveBy(e, card)}>Move</button>
      </div>
    </li>`
  }

  #error (where) {
    const message = this.errors.get(where)
    return message ? html`<p class="cb-error-message" role="alert">${message}</p>` : nothing
  }

  #clearError (where) {
    if (this.errors.delete(where)) this.refresh()
  }

  // ---- actions -----------------------------------------------------------

  async #send (where, command, done) {
    this.errors.delete(where)
    try {
      await this.connection.send(command)
      if (done) this.announce(done)
      return true
    } catch (err) {
      this.errors.set(where, err?.message ?? 'That did not work.')
      this.refresh()
      return false
    }
  }

  #openTool (id, what) {
    this.errors.delete(id)
    if (this.open.get(id) === what) this.open.delete(id)
    else this.open.set(id, what)
    this.refresh()
    const $first = id === 'new'
      ? this.$root.querySelector('.js-new-theme-form input')
      : this.$root.querySelector(`[data-theme="${CSS.escape(id)}"] [data-form] input, [data-theme="${CSS.escape(id)}"] [data-form] select, [data-theme="${CSS.escape(id)}"] .js-yes-delete`)
    $first?.focus()
  }

  #closeTool (id) {
    this.open.delete(id)
    this.errors.delete(id)
    this.refresh()
    this.$root.querySelector(id === 'new' ? '.js-new-theme' : `[data-tool="edit-${CSS.escape(id)}"]`)?.focus()
  }

  #invalid (where, message) {
    this.errors.set(where, message)
    this.announce(message)
    this.refresh()
  }

  async #moveBy (event, card) {
    const $select = event.currentTarget.closest('.cb-fcard__move').querySelector('select')
    const to = $select.value
    if (!to) {
      this.#invalid('move', 'Choose where to move the card first.')
      $select.focus()
      return
    }
    $select.value = ''
    await this.#move(card.id, to === '-' ? null : to)
  }

  async #move (cardId, themeId) {
    const title = themeId ? themeById(this.state, themeId)?.title : 'Not yet themed'
    await this.#send('move', { type: 'move_statement', statement_id: cardId, theme_id: themeId }, `Card moved to ${title}.`)
  }

  async #create (event) {
    event.preventDefault()
    const $form = event.currentTarget
    const title = $form.querySelector('#fac-new-title').value.trim()
    if (!title) return this.#invalid('new', 'Enter a title for the theme.')
    const i = $form.querySelector('#fac-new-i').value.trim()
    if (await this.#send('new', { type: 'create_theme', category: this.category, title, i_statement: i }, `Theme “${title}” created.`)) {
      this.open.delete('new')
      this.refresh()
      this.$root.querySelector('.js-new-theme')?.focus()
    }
  }

  async #edit (event, theme) {
    event.preventDefault()
    const $form = event.currentTarget
    const title = $form.querySelector('input').value.trim()
    if (!title) return this.#invalid(theme.id, 'The theme needs a title.')
    const i = $form.querySelector('textarea').value.trim()
    if (await this.#send(theme.id, { type: 'update_theme', theme_id: theme.id, title, i_statement: i }, `Theme “${title}” saved.`)) {
      this.open.delete(theme.id)
      this.refresh()
    }
  }

  async #merge (event, theme) {
    event.preventDefault()
    const into = event.currentTarget.querySelector('select').value
    const to = themeById(this.state, into)?.title
    if (await this.#send(theme.id, { type: 'merge_themes', theme_id: theme.id, into_id: into }, `“${theme.title}” merged into “${to}”.`)) {
      this.open.delete(theme.id)
      this.refresh()
    }
  }

  async #split (event, theme) {
    event.preventDefault()
    const title = event.currentTarget.querySelector('input').value.trim()
    const cards = [...this.$root.querySelectorAll(`.js-drop[data-theme="${CSS.escape(theme.id)}"] input[type="checkbox"]:checked`)].map((c) => c.value)
    if (!cards.length) return this.#invalid(theme.id, 'Tick at least one card to split off.')
    if (!title) return this.#invalid(theme.id, 'Enter a title for the new theme.')
    if (await this.#send(theme.id, { type: 'split_theme', theme_id: theme.id, statements: cards, title }, `${plural(cards.length, 'card')} split off into “${title}”.`)) {
      this.open.delete(theme.id)
      this.refresh()
    }
  }

  async #delete (theme) {
    if (await this.#send(theme.id, { type: 'delete_theme', theme_id: theme.id }, `“${theme.title}” deleted. Its cards are back in “Not yet themed”.`)) {
      this.open.delete(theme.id)
      this.refresh()
    }
  }

  // ---- drag and drop (every drag also has "Move to") ------------------------

  #dragStart (event) {
    const $card = event.target.closest?.('.js-card')
    if (!$card) return
    this.dragging = $card.dataset.id
    event.dataTransfer.setData('text/plain', $card.dataset.id)
    event.dataTransfer.effectAllowed = 'move'
    $card.classList.add('cb-fcard--dragging')
    this.flags.pickUp($card.dataset.id)
  }

  #dragEnd () {
    if (this.dragging) this.flags.putDown(this.dragging)
    this.$root.querySelector('.cb-fcard--dragging')?.classList.remove('cb-fcard--dragging')
    for (const $z of this.$root.querySelectorAll('.cb-drop--over')) $z.classList.remove('cb-drop--over')
    this.dragging = null
  }

  #dragOver (event) {
    const $zone = event.target.closest?.('.js-drop')
    if (!$zone || !this.dragging) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
    $zone.classList.add('cb-drop--over')
  }

  async #drop (event) {
    const $zone = event.target.closest?.('.js-drop')
    if (!$zone) return
    event.preventDefault()
    const id = event.dataTransfer.getData('text/plain') || this.dragging
    this.#dragEnd()
    const card = this.state.statements.find((s) => s.id === id)
    const to = $zone.dataset.theme || null
    if (!card || (card.theme_id ?? null) === to) return
    await this.#move(id, to)
  }
}
