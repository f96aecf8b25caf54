// Theming together, on a phone: the cards the server dealt to this phone,
// one at a time and large, with the question's themes as big buttons under
// it, "New theme…", "Not sure — give it to someone else" and "Skip for now".
// The phone asks for cards (`take_cards`) when its hand is empty; the server
// decides which (board/dealing.py) and tops the hand up after each card.

import { dealingProgress, liveCards, themesOf } from '../../board-state.js'
import { plural } from '../../dom.js'
import { html, nothing } from '../../lit.js'
import { allowed } from '../../policy.js'
import { CATEGORIES } from '../../words.js'

// A phone told nothing is waiting asks again after this long (cards come back
// when a phone leaves or a suggestion is turned down).
const ASK_AGAIN_MS = 15000

/** Whether someone is typing in a field outside this view (the Menu, say): leave them be. */
function typingElsewhere ($root) {
  const $active = document.activeElement
  return Boolean($active?.matches('input, textarea, select, [contenteditable]') && !$root.contains($active))
}

/** The dealt section at the top of the screen, below the connection banner when it shows. */
function toTop ($section) {
  if (!$section) return
  const $banner = document.querySelector('.js-connection')
  const covered = $banner && !$banner.hidden ? $banner.getBoundingClientRect().height : 0
  window.scrollTo({ top: window.scrollY + $section.getBoundingClientRect().top - covered - 8, behavior: 'instant' })
}

export class DealtHand {
  /**
   * @param {object} context  connection, readAloud, announce, refresh() (draw again)
   */
  constructor ({ connection, readAloud, announce, refresh }) {
    this.connection = connection
    this.readAloud = readAloud
    this.announce = announce
    this.refresh = refresh
    this.asking = false
    this.busy = false
    this.error = null
    this.waitingUntil = 0
    this.timer = null
    this.sentBack = false // our hand went back to the pile: ask before dealing again
    this.newOpen = false
    // The card acted on ('' for a take): once another shows, focus moves to it.
    this.actedOn = null
    this.shown = null // the card on screen when last drawn
    this.$card = null
    this.cardSize = null // watches the card's height while it is shown
  }

  unmount () {
    clearTimeout(this.timer)
    this.#keepClearOf(null)
  }

  // The card sticks to the top while the themes scroll under it: what focus
  // brings into view stays clear of it (phone.css reads --cb-stuck-height).
  #keepClearOf ($card) {
    if (this.$card === $card) return
    this.cardSize?.disconnect()
    this.$card = $card
    const root = document.documentElement
    if (!$card) {
      root.style.removeProperty('--cb-stuck-height')
      return
    }
    this.cardSize = new ResizeObserver(() =>
      root.style.setProperty('--cb-stuck-height', `${Math.ceil($card.getBoundingClientRect().height) + 8}px`))
    this.cardSize.observe($card)
  }

  get suggesting () {
    return !allowed(this.connection, 'move_statement', this.state)
  }

  /** What to show while the room themes together; `events` are the ones just applied. */
  template (state, events = []) {
    this.state = state
    const dealing = state.dealing
    if (events.some((e) => e.type === 'hand_returned')) this.sentBack = true
    if (events.some((e) => e.type === 'cards_dealt')) this.sentBack = false
    const hand = liveCards(state, dealing.hand)
    const you = state.you ?? this.connection.you
    if (you?.no_device) {
      return this.#frame(state, html`<p class="cb-notice js-dealt-none">The facilitator is recording
        for you: no cards are dealt to this screen.</p>`)
    }
    if (!hand.length) {
      this.#askSoon()
      return this.#frame(state, this.#waiting())
    }
    this.waitingUntil = 0
    return this.#frame(state, this.#card(state, hand), hand.length === 1 ? 'Your last card' : `Card 1 of ${hand.length} in your hand`)
  }

  /**
   * Called after the view is drawn. When a hand's first card shows, or the next
   * one after the card acted on, the card goes to the top of the screen (its
   * question and count just above it) with the themes under it; after an action
   * focus goes to the new card's words too.
   */
  drawn ($root) {
    const $card = $root.querySelector('.js-dealt-card')
    this.#keepClearOf($card)
    const shown = $card?.dataset.id ?? null
    const arrived = shown !== null && this.shown === null
    this.shown = shown
    if (this.actedOn !== null && !this.busy && !this.asking && shown !== this.actedOn) {
      this.actedOn = null
      if (typingElsewhere($root)) return
      if (shown !== null) toTop($root.querySelector('.js-dealt'))
      const $next = $root.querySelector('.js-dealt-text') ?? $root.querySelector('.js-dealt-heading')
      $next?.focus({ preventScroll: shown !== null })
      return
    }
    if (arrived && !typingElsewhere($root)) toTop($root.querySelector('.js-dealt'))
  }

  // One short heading and one line of counts, so the card starts high on a small phone.
  #frame (state, body, count = null) {
    const progress = dealingProgress(state)
    const title = CATEGORIES.find((c) => c.value === state.dealing.category)?.title ?? state.dealing.category
    return html`<section class="cb-dealt js-dealt" aria-labelledby="dealt-heading">
      <h2 id="dealt-heading" class="cb-dealt__heading js-dealt-heading" tabindex="-1"><span
        class="cb-visually-hidden">Theme together: </span><span class="cb-dealt__question-name">${title}</span></h2>
      <p class="cb-dealt__counts"><span class="js-dealt-progress">${progress.themed} of ${plural(progress.total, 'card')} in a theme</span>.${count
        ? html` <span class="js-dealt-count">${count}</span>.` : nothing}</p>
      ${body}
    </section>`
  }

  #card (state, hand) {
    const card = hand[0]
    const themes = themesOf(state, card.category)
    const suggesting = this.suggesting
    return html`<div class="cb-dealt__card js-dealt-card" data-id=${card.id}>
        <p class="cb-dealt__text js-dealt-text" id="dealt-text" tabindex="-1">${card.text}</p>
        ${this.readAloud?.button(card.text) ?? nothing}
      </div>
      <h3 class="cb-dealt__ask" id="dealt-ask">${suggesting ? 'Which theme should it go in?' : 'Which theme does it belong to?'}</h3>
      ${suggesting ? html`<p class="cb-hint">The facilitator will decide.</p>` : nothing}
      ${themes.length
        ? html`<ul class="cb-dealt__themes js-dealt-themes" aria-labelledby="dealt-ask">${themes.map((theme) => html`<li>
            <button type="button" class="cb-button cb-button--secondary cb-dealt__theme js-dealt-theme" data-theme=${theme.id}
              ?disabled=${this.busy} @click=${() => this.#place(card, { theme_id: theme.id }, theme.title)}>
              <span class="cb-dealt__theme-title">${theme.title}</span>${theme.i_statement
                ? html`<span class="cb-dealt__theme-i">“${theme.i_statement}”</span>` : nothing}</button></li>`)}</ul>`
        : html`<p class="cb-notice">No themes for this question yet.${suggesting ? '' : ' Make the first one.'}</p>`}
      ${suggesting ? nothing : this.#newTheme(card)}
      <p class="cb-error-message js-dealt-error" role="alert" ?hidden=${!this.error}>${this.error ?? ''}</p>
      <div class="cb-dealt__other">
        <button type="button" class="cb-button cb-button--secondary cb-button--block js-dealt-unsure" ?disabled=${this.busy}
          @click=${() => this.#pass(card, 'not_sure')}>Not sure — give it to someone else</button>
        <button type="button" class="cb-button cb-button--secondary cb-button--block js-dealt-skip" ?disabled=${this.busy}
          @click=${() => this.#pass(card, 'skip_card')}>Skip for now</button>
      </div>`
  }

  #newTheme (card) {
    const open = () => {
      this.newOpen = true
      this.refresh()
      document.querySelector('#dealt-new-title')?.focus()
    }
    const cancel = () => {
      this.newOpen = false
      this.refresh()
      document.querySelector('.js-dealt-new')?.focus()
    }
    const submit = (event) => {
      event.preventDefault()
      const $form = event.currentTarget
      const title = $form.querySelector('#dealt-new-title').value.trim()
      const iStatement = $form.querySelector('#dealt-new-i').value.trim()
      if (!title) {
        this.error = 'Give the new theme a short name.'
        this.refresh()
        this.announce(this.error)
        $form.querySelector('#dealt-new-title').focus()
        return
      }
      this.#place(card, { theme_id: null, new_theme: { title, i_statement: iStatement } }, title)
    }
    if (!this.newOpen) {
      return html`<button type="button" class="cb-button cb-button--secondary cb-button--block cb-dealt__new js-dealt-new"
        aria-expanded="false" ?disabled=${this.busy} @click=${open}>New theme…</button>`
    }
    return html`<form class="cb-dealt__new-form js-dealt-new-form" novalidate @submit=${submit}>
      <h3>A new theme for this card</h3>
      <div class="cb-form-group">
        <label class="cb-label" for="dealt-new-title">Short name</label>
        <input class="cb-input" id="dealt-new-title" type="text" maxlength="120" autocomplete="off">
      </div>
      <div class="cb-form-group">
        <label class="cb-label" for="dealt-new-i">I statement (optional)</label>
        <p class="cb-hint" id="dealt-new-i-hint">In a person’s own voice, for example: “I can’t get appointments when I want them.”</p>
        <textarea class="cb-textarea" id="dealt-new-i" rows="3" maxlength="600" aria-describedby="dealt-new-i-hint"></textarea>
      </div>
      <div class="cb-button-group">
        <button class="cb-button" type="submit" ?disabled=${this.busy}>Make it and put the card in</button>
        <button class="cb-button cb-button--secondary" type="button" @click=${cancel}>Cancel</button>
      </div>
    </form>`
  }

  #waiting () {
    const again = () => {
      this.sentBack = false
      this.waitingUntil = 0
      this.#askSoon()
    }
    if (this.sentBack) {
      return html`<p class="cb-notice js-dealt-sent-back">Your cards went back to the pile, so that
          someone else could place them.</p>
        <button type="button" class="cb-button cb-button--block js-dealt-more" @click=${again}>Deal me more cards</button>`
    }
    return html`<p class="cb-notice js-dealt-waiting" role="status">${this.asking
        ? 'Dealing you some cards…'
        : 'No cards are waiting for you just now. The room is placing the last ones; more may come back.'}</p>
      ${this.asking ? nothing : html`<button type="button" class="cb-button cb-button--secondary cb-button--block js-dealt-more"
        @click=${again}>Look for more cards</button>`}`
  }

  #askSoon () {
    if (this.asking || this.sentBack || !this.state?.dealing?.active) return
    const wait = this.waitingUntil - Date.now()
    if (wait > 0) {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.#askSoon(), wait)
      return
    }
    this.asking = true
    queueMicrotask(() => this.#take())
  }

  async #take () {
    try {
      await this.connection.send({ type: 'take_cards' }, { quiet: true })
      this.actedOn ??= ''
      // The cards may come just after the answer: do not ask twice meanwhile.
      this.waitingUntil = Date.now() + 5000
    } catch (err) {
      // Nothing waiting (or the hand was full already): ask again a little later.
      if (err?.code !== 'hand_full') this.waitingUntil = Date.now() + ASK_AGAIN_MS
      if (!['pile_empty', 'hand_full', 'not_dealing'].includes(err?.code)) this.error = err?.message ?? null
    } finally {
      this.asking = false
      this.refresh()
    }
  }

  async #place (card, where, title) {
    await this.#act({ type: 'place_dealt', statement_id: card.id, ...where },
      this.suggesting ? `Suggested: ${title}. The facilitator will decide.` : `Put in ${title}.`)
    this.newOpen = false
  }

  async #pass (card, type) {
    await this.#act({ type, statement_id: card.id },
      type === 'not_sure' ? 'Given to someone else.' : 'Skipped for now.')
  }

  async #act (command, said) {
    if (this.busy) return
    this.busy = true
    this.error = null
    this.actedOn = command.statement_id
    this.refresh()
    try {
      await this.connection.send(command)
      this.announce(said)
    } catch (err) {
      this.actedOn = null
      this.error = err?.message ?? 'That did not work. Try again.'
      this.announce(this.error)
    } finally {
      this.busy = false
      this.refresh()
    }
  }
}
