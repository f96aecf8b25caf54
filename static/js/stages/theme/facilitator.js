// Theme on the console, at the size of a real workshop: one question at a
// time, the cards not yet themed in a tray that scrolls on its own, the
// themes laid out beside it as a grid, each with its title, I statement and
// count. Choose several cards (click, Shift-click, or ↑ ↓ and Space), then
// move them all in one command: "Move here" on a theme, Enter for "Move
// to…", a new theme from them, or a drag (every drag has these paths too).
// A filter narrows the tray to cards with some words; the tray shows the
// unthemed cards, all of them, or one theme's.

import { cardsIn, themeById, themesOf } from '../../board-state.js'
import { CardsPanel } from '../../components/cards-panel.js'
import { Card } from '../../components/card.js'
import { ThemeColumn } from '../../components/theme-column.js'
import { VoteStrip } from '../../components/vote-console.js'
import { plural } from '../../dom.js'
import { html, live, nothing, ref, render, repeat } from '../../lit.js'
import { allowed } from '../../policy.js'
import { CATEGORIES } from '../../words.js'
import { DealingStrip } from './dealing-console.js'
import { MoveDialog, SuggestionsDialog, ThemeDialog } from './dialogs.js'

const DRAG_FLAGS = 12 // at most this many cards are shown to others as "being moved" in one drag

export class ThemeConsole {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  connection, flags (MovingFlags), announce, dialog (ConfirmDialog), vote
   */
  constructor ($root, context) {
    this.$root = $root
    this.connection = context.connection
    this.flags = context.flags
    this.announce = context.announce
    this.confirm = context.dialog
    this.strip = new VoteStrip(context)
    this.hiddenCards = new CardsPanel({ ...context, onChange: () => this.refresh() })
    this.dealing = new DealingStrip({ ...context, confirm: context.dialog, onChange: () => this.refresh() })
    this.category = null
    this.show = 'unthemed' // or 'all', or a theme id
    this.find = ''
    this.selected = new Set()
    this.anchor = null
    this.focusId = null
    this.dragging = []
    this.error = null
    this.state = null
    this.card = new Card({ flags: this.flags, themeTitle: (id) => themeById(this.state, id)?.title ?? '' })
    this.column = new ThemeColumn({
      moveHere: (theme) => this.moveTo({ themeId: theme.id }),
      show: (theme) => this.#showTheme(theme.id),
      change: (theme, $opener) => this.themeDialog.open(this.state, theme, $opener)
    })
    this.onFlags = () => this.refresh()
    this.flags.addEventListener('change', this.onFlags)
  }

  unmount () {
    this.flags.removeEventListener('change', this.onFlags)
    for (const id of this.dragging) this.flags.putDown(id)
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  // ---- what is shown -------------------------------------------------------

  /** The cards in the tray now, in board order. */
  shownCards (state = this.state) {
    const words = this.find.toLowerCase().split(/\s+/).filter(Boolean)
    return state.statements.filter((s) => s.category === this.category)
      .filter((s) => this.show === 'all' || (this.show === 'unthemed'
        ? !s.theme_id || !themeById(state, s.theme_id)
        : s.theme_id === this.show))
      .filter((s) => words.every((w) => s.text.toLowerCase().includes(w)))
  }

  #chosenCards () {
    return this.state.statements.filter((s) => this.selected.has(s.id))
  }

  render (state) {
    this.state = state
    // Start where the work is: "not working" (what the room usually votes on), else any question with cards left.
    this.category ??= ['not working', ...CATEGORIES.map((c) => c.value)].find((c) => cardsIn(state, c, null).length) ?? 'not working'
    if (this.show !== 'unthemed' && this.show !== 'all' && !themeById(state, this.show)) this.show = 'unthemed'
    const known = new Set(state.statements.filter((s) => s.category === this.category).map((s) => s.id))
    for (const id of this.selected) if (!known.has(id)) this.selected.delete(id)
    const themes = themesOf(state, this.category)
    const cards = this.shownCards(state)
    // When the focused card leaves the tray (moved, here or elsewhere), the
    // keyboard goes on with the next card that is still there.
    const $focused = this.$root.querySelector('.cb-tray .js-card:focus')
    if (!cards.some((c) => c.id === this.focusId)) {
      const ids = new Set(cards.map((c) => c.id))
      const was = this.shownIds ?? []
      const at = was.indexOf(this.focusId)
      this.focusId = [...was.slice(at + 1), ...was.slice(0, Math.max(0, at)).reverse()].find((id) => ids.has(id)) ?? cards[0]?.id ?? null
    }
    this.shownIds = cards.map((c) => c.id)
    const unthemed = cardsIn(state, this.category, null).length
    const total = state.statements.filter((s) => s.category === this.category).length
    const showing = this.show === 'unthemed' ? 'Not yet themed' : this.show === 'all' ? 'All cards' : `In “${themeById(state, this.show).title}”`
    render(html`<div class="cb-theming js-workspace">
      ${this.strip.template(state)}
      ${this.hiddenCards.strip(state)}
      ${this.dealing.template(state, this.category)}
      <div class="cb-theming__bar">
        <div class="cb-tabs" role="group" aria-label="Which question to theme">${CATEGORIES.map((c) => {
          const left = cardsIn(state, c.value, null).length
          return html`<button type="button" class="cb-button cb-button--secondary cb-tabs__tab" aria-pressed=${String(c.value === this.category)}
            @click=${() => this.#chooseCategory(c.value)}>${c.short}<span class="cb-tabs__count">${left} left</span><span
            class="cb-visually-hidden"> of ${state.statements.filter((s) => s.category === c.value).length}: ${c.title}</span></button>`
        })}</div>
        <div class="cb-theming__find">
          <label class="cb-label" for="theming-find">Find<span class="cb-visually-hidden"> cards with these words</span></label>
          <input class="cb-input" id="theming-find" type="search" autocomplete="off" placeholder="some words"
            .value=${live(this.find)} @input=${(e) => { this.find = e.currentTarget.value; this.refresh() }}>
        </div>
        <div class="cb-theming__show" role="group" aria-label="Which cards the tray shows">
          <button type="button" class="cb-button cb-button--secondary cb-button--small cb-toggle" aria-pressed=${String(this.show === 'unthemed')}
            @click=${() => this.#showTheme('unthemed')}>Not yet themed</button>
          <button type="button" class="cb-button cb-button--secondary cb-button--small cb-toggle" aria-pressed=${String(this.show === 'all')}
            @click=${() => this.#showTheme('all')}>All cards</button>
        </div>
      </div>
      ${this.error ? html`<p class="cb-error-message cb-theming__error" role="alert">${this.error}</p>` : nothing}
      <div class="cb-theming__main" @dragover=${(e) => this.#dragOver(e)} @dragleave=${(e) => this.#dragLeave(e)}
          @drop=${(e) => this.#drop(e)}>
        <section class="cb-tray js-drop" data-theme="" aria-labelledby="tray-heading">
          <h2 class="cb-tray__heading" id="tray-heading">${showing} <span class="cb-tray__count">(${this.find
            ? `${cards.length} with “${this.find}”, ` : ''}${plural(this.show === 'unthemed' ? unthemed : cards.length, 'card')}${this.show === 'all' ? ` of ${total}` : ''})</span></h2>
          ${this.#selectionBar(cards)}
          ${cards.length
            ? html`<ul class="cb-tray__cards cb-scroll" role="listbox" aria-multiselectable="true" aria-labelledby="tray-heading"
                aria-describedby="tray-help" @keydown=${(e) => this.#key(e)} @click=${(e) => this.#click(e)}
                @dragstart=${(e) => this.#dragStart(e)} @dragend=${() => this.#dragEnd()}>${repeat(cards, (c) => c.id, (card) =>
                  this.card.template(card, { selected: this.selected.has(card.id), focused: card.id === this.focusId, withTheme: this.show === 'all' }))}</ul>`
            : html`<p class="cb-tray__empty">${this.find ? 'No card here has those words.' : this.show === 'unthemed'
                ? 'Every card of this question is in a theme.' : 'No cards here.'}</p>`}
          <p class="cb-hint cb-tray__help" id="tray-help">Click or Shift-click cards, or ↑ ↓ and Space, to choose several; Enter moves them, N makes a new theme.</p>
        </section>
        <section class="cb-themes" aria-labelledby="themes-heading">
          <div class="cb-themes__head">
            <h2 class="cb-themes__heading" id="themes-heading">${plural(themes.length, 'theme')}<span class="cb-visually-hidden"> of
              “${CATEGORIES.find((c) => c.value === this.category).title}”</span></h2>
            ${this.#mode(state)}
          </div>
          <ul class="cb-themes__grid cb-scroll">
            <li class="cb-theme-tile cb-theme-tile--new"><button type="button" class="cb-button cb-theme-tile__new js-new-theme"
              aria-haspopup="dialog" @click=${() => this.newTheme()}>${this.selected.size
                ? `+ New theme from ${plural(this.selected.size, 'card')}` : '+ New theme'}</button></li>
            ${repeat(themes, (t) => t.id, (theme) => this.column.template(theme, {
              count: cardsIn(state, this.category, theme.id).length,
              chosen: this.#chosenCards().filter((c) => c.theme_id !== theme.id).length,
              showing: this.show === theme.id
            }))}
          </ul>
        </section>
      </div>
      <dialog class="cb-dialog" aria-labelledby="move-title" ${ref((el) => {
        if (el && !this.moveDialog) {
          this.moveDialog = new MoveDialog(el, { onMove: (place) => this.#move(place) })
          // The cards moved away: the keyboard goes on with the card now first where they were.
          this.moveDialog.lostOpener = () => this.#focusCard(this.focusId)
        }
      })}></dialog>
      <dialog class="cb-dialog" aria-label="Change a theme" ${ref((el) => {
        if (el && !this.themeDialog) this.themeDialog = new ThemeDialog(el, { connection: this.connection, announce: this.announce, confirm: this.confirm })
      })}></dialog>
      <dialog class="cb-dialog" aria-label="Suggested moves" ${ref((el) => {
        if (el && !this.suggestions) this.suggestions = new SuggestionsDialog(el, { connection: this.connection, announce: this.announce })
      })}></dialog>
    </div>`, this.$root)
    this.suggestions.draw(state)
    this.dealing.redraw(state)
    if (this.themeDialog.$dialog.open) this.themeDialog.draw()
    if ($focused && !$focused.isConnected) this.#focusCard(this.focusId)
  }

  #mode (state) {
    const waiting = (state.suggestions ?? []).length
    if (!allowed(this.connection, 'set_theming_mode', state)) return nothing
    return html`<div class="cb-theming__mode">
      <label class="cb-label" for="theming-mode">Cards are moved by</label>
      <select class="cb-select" id="theming-mode" .value=${live(state.theming_mode)} @change=${(e) => this.#setMode(e.currentTarget.value)}>
        <option value="everyone">everyone</option>
        <option value="facilitators">facilitators only (phones suggest)</option>
      </select>
      ${waiting || state.theming_mode !== 'everyone'
        ? html`<button type="button" class="cb-button cb-button--small ${waiting ? '' : 'cb-button--secondary'} js-suggestions"
            aria-haspopup="dialog" @click=${() => this.suggestions.open(this.state)}>Suggested moves (${waiting})</button>`
        : nothing}
    </div>`
  }

  #selectionBar (cards) {
    const n = this.selected.size
    const allShown = cards.length > 0 && cards.every((c) => this.selected.has(c.id))
    return html`<div class="cb-tray__selection" role="group" aria-label="The chosen cards">
      <p class="cb-tray__chosen js-chosen" aria-live="polite">${n ? `${plural(n, 'card')} chosen:` : 'Click, Shift-click or Space to choose cards.'}</p>
      ${n
        ? html`<button type="button" class="cb-button cb-button--small js-move-chosen" aria-haspopup="dialog"
              @click=${() => this.moveChosen()}>Move to…</button>
            <button type="button" class="cb-button cb-button--secondary cb-button--small js-new-from-chosen" aria-haspopup="dialog"
              @click=${() => this.newTheme()}>New theme…</button>`
        : nothing}
      ${allShown
        ? html`<button type="button" class="cb-button cb-button--secondary cb-button--small" @click=${() => this.#clear()}>Clear</button>`
        : cards.length
          ? html`<button type="button" class="cb-button cb-button--secondary cb-button--small"
              @click=${() => this.#choose(cards.map((c) => c.id))}>Choose all ${cards.length}</button>`
          : nothing}
    </div>`
  }

  // ---- choosing cards ----------------------------------------------------------

  #chooseCategory (category) {
    this.category = category
    this.selected.clear()
    this.anchor = null
    this.show = 'unthemed'
    this.refresh()
  }

  #showTheme (show) {
    this.show = this.show === show && show !== 'unthemed' && show !== 'all' ? 'unthemed' : show
    this.refresh()
  }

  #choose (ids) {
    for (const id of ids) this.selected.add(id)
    this.refresh()
  }

  #clear () {
    this.selected.clear()
    this.anchor = null
    this.refresh()
    this.announce('No cards chosen.')
  }

  #toggle (id) {
    if (this.selected.has(id)) this.selected.delete(id)
    else this.selected.add(id)
    this.anchor = id
  }

  #range (id) {
    const ids = this.shownCards().map((c) => c.id)
    const from = ids.indexOf(this.anchor)
    const to = ids.indexOf(id)
    if (from === -1) return this.#toggle(id)
    const [a, b] = from < to ? [from, to] : [to, from]
    for (const each of ids.slice(a, b + 1)) this.selected.add(each)
  }

  #click (event) {
    const $card = event.target.closest('.js-card')
    if (!$card) return
    const id = $card.dataset.id
    if (event.shiftKey && this.anchor) this.#range(id)
    else this.#toggle(id)
    this.focusId = id
    this.refresh()
    this.#focusCard(id)
  }

  #focusCard (id) {
    if (id) this.$root.querySelector(`#tcard-${CSS.escape(id)}`)?.focus()
  }

  #key (event) {
    const $card = event.target.closest('.js-card')
    if (!$card) return
    const ids = this.shownCards().map((c) => c.id)
    const at = ids.indexOf($card.dataset.id)
    const go = (index) => {
      const id = ids[Math.max(0, Math.min(ids.length - 1, index))]
      if (event.shiftKey) this.selected.add(id)
      this.focusId = id
      this.refresh()
      this.#focusCard(id)
    }
    switch (event.key) {
      case 'ArrowDown': event.preventDefault(); return go(at + 1)
      case 'ArrowUp': event.preventDefault(); return go(at - 1)
      case 'Home': event.preventDefault(); return go(0)
      case 'End': event.preventDefault(); return go(ids.length - 1)
      case ' ':
        event.preventDefault()
        if (event.shiftKey && this.anchor) this.#range(ids[at])
        else this.#toggle(ids[at])
        this.refresh()
        return this.#focusCard(ids[at])
      case 'Enter':
        event.preventDefault()
        if (!this.selected.size) this.selected.add(ids[at])
        return this.moveChosen()
      case 'n':
      case 'N':
        if (event.ctrlKey || event.metaKey || event.altKey) return
        event.preventDefault()
        if (!this.selected.size) this.selected.add(ids[at])
        return this.newTheme()
      case 'Escape':
        if (this.selected.size) {
          event.preventDefault()
          this.#clear()
        }
        return
      case 'a':
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault()
          this.#choose(ids)
        }
    }
  }

  // ---- moving ------------------------------------------------------------------------

  moveChosen () {
    const cards = this.#chosenCards()
    if (cards.length) this.moveDialog.open(this.state, cards, { category: this.category })
  }

  /** A new theme, made with the chosen cards (if any). */
  newTheme () {
    this.moveDialog.open(this.state, this.#chosenCards(), { fresh: true, category: this.category })
  }

  /** Move the chosen cards: to a theme ({themeId}, null: unthemed) or a new one ({newTheme}). */
  async moveTo (place) {
    try {
      await this.#move(place)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
      this.refresh()
    }
  }

  async #move (place, ids = [...this.selected]) {
    this.error = null
    const cards = this.state.statements.filter((s) => ids.includes(s.id))
    if (!cards.length && place.newTheme) {
      await this.connection.send({ type: 'create_theme', category: this.category, ...place.newTheme })
      this.announce(`Theme “${place.newTheme.title}” made.`)
      return
    }
    const to = place.newTheme ? null : place.themeId
    const moving = place.newTheme ? cards : cards.filter((c) => (c.theme_id ?? null) !== to)
    if (!moving.length) return
    const command = { type: 'move_statements', statement_ids: moving.map((c) => c.id) }
    if (place.newTheme) command.new_theme = place.newTheme
    else command.theme_id = to
    await this.connection.send(command)
    for (const card of moving) this.selected.delete(card.id)
    const where = place.newTheme ? `the new theme “${place.newTheme.title}”` : to ? `“${themeById(this.state, to)?.title}”` : '“Not yet themed”'
    this.announce(`${plural(moving.length, 'card')} moved to ${where}.`)
    this.refresh()
  }

  #dropTarget (event) {
    return event.target.closest?.('.js-drop')
  }

  // ---- drag and drop (each has the paths above too) ---------------------------

  #dragStart (event) {
    const $card = event.target.closest?.('.js-card')
    if (!$card) return
    const id = $card.dataset.id
    this.dragging = this.selected.has(id) ? [...this.selected] : [id]
    event.dataTransfer.setData('text/plain', this.dragging.join(','))
    event.dataTransfer.effectAllowed = 'move'
    for (const each of this.dragging.slice(0, DRAG_FLAGS)) this.flags.pickUp(each)
  }

  #dragEnd () {
    for (const id of this.dragging) this.flags.putDown(id)
    for (const $z of this.$root.querySelectorAll('.cb-drop--over')) $z.classList.remove('cb-drop--over')
    this.dragging = []
  }

  #dragOver (event) {
    const $zone = this.#dropTarget(event)
    if (!$zone || !this.dragging.length) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
    $zone.classList.add('cb-drop--over')
  }

  #dragLeave (event) {
    this.#dropTarget(event)?.classList.remove('cb-drop--over')
  }

  async #drop (event) {
    const $zone = this.#dropTarget(event)
    if (!$zone) return
    event.preventDefault()
    const ids = (event.dataTransfer.getData('text/plain') || this.dragging.join(',')).split(',').filter(Boolean)
    this.#dragEnd()
    try {
      await this.#move({ themeId: $zone.dataset.theme || null }, ids)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
      this.refresh()
    }
  }

  async #setMode (mode) {
    if (this.state.theming_mode === mode) return
    try {
      await this.connection.send({ type: 'set_theming_mode', mode })
      this.announce(mode === 'everyone' ? 'Everyone can move cards now.' : 'Only facilitators move cards now. Participants can suggest moves.')
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
      this.refresh()
    }
  }
}
