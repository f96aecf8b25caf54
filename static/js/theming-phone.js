// Theming on a phone: one category at a time, large; themes as sections
// with their "I statement"; a tap on "Move to…" opens a sheet listing where
// the card can go. No dragging at all on the phone, so no action needs one.
//
// While the sheet is open the card is flagged as being moved (`moving`),
// so other screens show it; closing the sheet puts it down.

import { cardsIn, themeById, themesOf } from './board-state.js'
import { h, plural, rebuild, replaceChildren } from './dom.js'
import { CATEGORIES } from './stages.js'

export class MoveSheet {
  /**
   * @param {HTMLDialogElement} $dialog
   * @param {object} options  flags: MovingFlags; onChoose(card, themeId) -> Promise
   */
  constructor ($dialog, { flags, onChoose }) {
    this.$dialog = $dialog
    this.flags = flags
    this.onChoose = onChoose
    this.card = null
    this.$opener = null
    $dialog.addEventListener('close', () => this.#closed())
  }

  open (state, card, { suggest = false, $opener = null } = {}) {
    this.card = card
    this.$opener = $opener
    const current = card.theme_id ? themeById(state, card.theme_id) : null
    const places = [
      ...themesOf(state, card.category).filter((t) => t.id !== card.theme_id)
        .map((t) => ({ id: t.id, title: t.title, hint: t.i_statement })),
      ...(card.theme_id ? [{ id: null, title: 'Not in a theme', hint: 'Put it back with the cards not yet sorted' }] : [])
    ]
    const $list = h('ul', { className: 'cb-sheet__list' }, places.map((place) => {
      const $choice = h('button', { type: 'button', className: 'cb-button cb-button--secondary cb-sheet__choice' },
        h('span', { className: 'cb-sheet__choice-title', text: place.title }),
        place.hint ? h('span', { className: 'cb-sheet__choice-hint', text: place.hint }) : null)
      $choice.addEventListener('click', () => this.#choose(place))
      return h('li', {}, $choice)
    }))
    const $cancel = h('button', { type: 'button', className: 'cb-button cb-button--secondary cb-button--block js-sheet-cancel', text: 'Cancel' })
    $cancel.addEventListener('click', () => this.$dialog.close())
    replaceChildren(this.$dialog,
      h('h2', { className: 'cb-sheet__heading', id: 'sheet-heading', text: suggest ? 'Suggest moving to…' : 'Move to…' }),
      h('p', { className: 'cb-sheet__card', text: `“${card.text}”` }),
      h('p', { className: 'cb-hint', text: current ? `Now in: ${current.title}` : 'Now: not in a theme yet' }),
      suggest ? h('p', { className: 'cb-hint', text: 'The facilitator will decide.' }) : null,
      places.length
        ? $list
        : h('p', { className: 'cb-notice', text: 'There are no themes for this question yet.' }),
      h('p', { className: 'cb-error-message js-sheet-error', hidden: true }),
      $cancel)
    this.$dialog.setAttribute('aria-labelledby', 'sheet-heading')
    this.flags.pickUp(card.id)
    this.$dialog.showModal()
    this.$dialog.querySelector('.cb-sheet__choice, .js-sheet-cancel')?.focus()
  }

  async #choose (place) {
    const card = this.card
    if (!card) return
    const $error = this.$dialog.querySelector('.js-sheet-error')
    for (const $b of this.$dialog.querySelectorAll('button')) $b.disabled = true
    try {
      await this.onChoose(card, place.id, place.title)
      this.$dialog.close()
    } catch (err) {
      $error.textContent = err?.message ?? 'That did not work. Try again.'
      $error.hidden = false
      for (const $b of this.$dialog.querySelectorAll('button')) $b.disabled = false
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

export class ThemingPanel {
  /**
   * @param {HTMLElement} $root  the theming section
   * @param {object} options  connection, flags (MovingFlags), readAloud, announce, sheet (MoveSheet)
   */
  constructor ($root, { connection, flags, readAloud, announce, sheet }) {
    this.$root = $root
    this.connection = connection
    this.flags = flags
    this.readAloud = readAloud
    this.announce = announce
    this.sheet = sheet
    this.category = 'not working'
    this.state = null
    this.key = null
    this.$switcher = $root.querySelector('.js-category-switcher')
    this.$heading = $root.querySelector('.js-theming-category')
    this.$help = $root.querySelector('.js-theming-help')
    this.$themes = $root.querySelector('.js-theme-sections')
    this.$new = $root.querySelector('.js-new-theme')
    this.#newThemeForm()
    flags.addEventListener('change', () => this.#markMoving())
  }

  render (state) {
    this.state = state
    const active = state.stage === 'theme'
    this.$root.hidden = !active
    if (!active) return
    // Start on the first category that has themes or cards to sort.
    if (!this.chosen) {
      const withThemes = CATEGORIES.find((c) => themesOf(state, c.value).length)
      this.category = withThemes?.value ?? 'not working'
      this.chosen = true
    }
    const cards = state.statements.filter((s) => s.category === this.category)
    const key = JSON.stringify([this.category, state.theming_mode, themesOf(state, this.category),
      cards.map((s) => [s.id, s.theme_id, s.hidden]), state.statements.length])
    if (key === this.key) return
    this.key = key
    this.#switcher(state)
    this.#sections(state)
    this.$new.hidden = state.theming_mode !== 'everyone'
    this.#markMoving()
  }

  get suggesting () {
    return this.state?.theming_mode === 'facilitators'
  }

  #switcher (state) {
    const category = CATEGORIES.find((c) => c.value === this.category)
    this.$heading.textContent = category.title
    this.$help.textContent = this.suggesting
      ? 'The facilitator is moving the cards. Tap “Suggest a move” on a card to suggest where it should go.'
      : 'Tap “Move to…” on a card to put it in a theme.'
    rebuild(this.$switcher, () => CATEGORIES.map((c) => {
      const count = state.statements.filter((s) => s.category === c.value).length
      const $button = h('button', {
        type: 'button',
        className: 'cb-button cb-button--secondary cb-switcher__button',
        dataset: { key: `switch-${c.value}` },
        attrs: { 'aria-pressed': String(c.value === this.category) }
      }, h('span', { text: c.short }), h('span', { className: 'cb-switcher__count', text: `${count}` }))
      $button.setAttribute('aria-label', `${c.title} (${plural(count, 'card')})`)
      $button.addEventListener('click', () => {
        this.category = c.value
        this.key = null
        this.render(this.state)
        this.announce(`Showing ${c.title.toLowerCase()}.`)
      })
      return $button
    }))
  }

  #sections (state) {
    const themes = themesOf(state, this.category)
    const unthemed = cardsIn(state, this.category, null)
    rebuild(this.$themes, () => [
      themes.length
        ? themes.map((theme) => this.#theme(state, theme))
        : h('p', { className: 'cb-notice', text: 'No themes yet for this question.' }),
      h('section', { className: 'cb-theme cb-theme--unthemed', attrs: { 'aria-labelledby': 'unthemed-heading' } },
        h('h3', { id: 'unthemed-heading', className: 'cb-theme__title' }, 'Not in a theme yet ',
          h('span', { className: 'cb-theme__count', text: `(${plural(unthemed.length, 'card')})` })),
        unthemed.length
          ? h('ul', { className: 'cb-card-list' }, unthemed.map((card) => this.#card(card)))
          : h('p', { className: 'cb-hint', text: 'Every card is in a theme.' }))
    ])
  }

  #theme (state, theme) {
    const cards = cardsIn(state, this.category, theme.id)
    const headingId = `theme-${theme.id}-heading`
    const spoken = theme.i_statement ? `${theme.title}. ${theme.i_statement}` : theme.title
    return h('section', { className: 'cb-theme', dataset: { theme: theme.id }, attrs: { 'aria-labelledby': headingId } },
      h('h3', { className: 'cb-theme__title', id: headingId, text: theme.title }),
      theme.i_statement ? h('p', { className: 'cb-theme__i-statement', text: `“${theme.i_statement}”` }) : null,
      this.readAloud?.button(spoken, { label: 'Read theme aloud' }),
      cards.length
        ? h('details', { className: 'cb-theme__cards', dataset: { key: `cards-${theme.id}` } },
          h('summary', { className: 'cb-theme__summary', dataset: { key: `summary-${theme.id}` } },
            `Show its ${plural(cards.length, 'card')}`),
          h('ul', { className: 'cb-card-list' }, cards.map((card) => this.#card(card))))
        : h('p', { className: 'cb-theme__empty', text: 'No cards in this theme yet.' }))
  }

  #card (card) {
    const $move = h('button', {
      type: 'button',
      className: 'cb-button cb-card__move js-move',
      dataset: { key: `move-${card.id}` },
      text: this.suggesting ? 'Suggest a move' : 'Move to…'
    })
    const textId = `card-${card.id}-text`
    $move.setAttribute('aria-describedby', textId)
    $move.addEventListener('click', () => this.sheet.open(this.state, card, { suggest: this.suggesting, $opener: $move }))
    return h('li', { className: 'cb-card js-card', dataset: { id: card.id } },
      card.mine ? h('p', { className: 'cb-card__tags' }, h('span', { className: 'cb-tag', text: 'Yours' })) : null,
      h('p', { className: 'cb-card__text', id: textId, text: card.text }),
      h('p', { className: 'cb-card__moving js-moving', hidden: true }, h('span', { className: 'cb-tag cb-tag--moving', text: 'Being moved…' })),
      h('div', { className: 'cb-card__actions' }, $move, this.readAloud?.button(card.text)))
  }

  #markMoving () {
    for (const $card of this.$root.querySelectorAll('.js-card')) {
      const moving = this.flags.has($card.dataset.id)
      $card.classList.toggle('cb-card--moving', moving)
      $card.querySelector('.js-moving').hidden = !moving
    }
  }

  // ---- a new theme -------------------------------------------------------

  #newThemeForm () {
    const $toggle = this.$new.querySelector('.js-new-theme-toggle')
    const $form = this.$new.querySelector('.js-new-theme-form')
    const $title = $form.querySelector('#new-theme-title')
    const $statement = $form.querySelector('#new-theme-i')
    const $error = $form.querySelector('.js-new-theme-error')
    const close = () => {
      $form.hidden = true
      $toggle.hidden = false
      $toggle.setAttribute('aria-expanded', 'false')
      $error.hidden = true
    }
    $toggle.addEventListener('click', () => {
      $form.hidden = false
      $toggle.hidden = true
      $toggle.setAttribute('aria-expanded', 'true')
      $title.focus()
    })
    $form.querySelector('.js-new-theme-cancel').addEventListener('click', () => { close(); $toggle.focus() })
    $form.addEventListener('submit', async (event) => {
      event.preventDefault()
      const title = $title.value.trim()
      if (!title) {
        $error.textContent = 'Give the theme a short name.'
        $error.hidden = false
        this.announce($error.textContent)
        $title.focus()
        return
      }
      const $button = $form.querySelector('button[type="submit"]')
      $button.disabled = true
      try {
        await this.connection.send({ type: 'create_theme', category: this.category, title, i_statement: $statement.value.trim() })
        this.announce(`Theme “${title}” made.`)
        $title.value = ''
        $statement.value = ''
        close()
        $toggle.focus()
      } catch (err) {
        $error.textContent = err?.message ?? 'The theme was not made. Try again.'
        $error.hidden = false
      } finally {
        $button.disabled = false
      }
    })
  }
}
