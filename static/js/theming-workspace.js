// The facilitator's theming workspace, one category at a time: make,
// rename, merge, split and delete themes; move cards by dragging (HTML5
// drag and drop) or, with no drag at all, by each card's "Move to" list and
// button. Also: who may move cards, and the queue of suggested moves.
//
// Handlers are delegated from the root (data-action), so redrawing the
// columns never loses a listener; `rebuild` keeps focus, open editors'
// typed text and ticked cards.

import { cardsIn, themeById, themesOf } from './board-state.js'
import { h, plural, rebuild } from './dom.js'
import { CATEGORIES } from './stages.js'

const short = (text, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text)

export class ThemingWorkspace {
  constructor ($root, { connection, flags, announce }) {
    this.$root = $root
    this.connection = connection
    this.flags = flags
    this.announce = announce
    this.category = 'not working'
    this.open = new Map() // theme id (or 'new') -> 'edit' | 'merge' | 'delete' | 'split'
    this.errors = new Map() // where -> message
    this.state = null
    this.key = null
    this.dragging = null
    $root.addEventListener('click', (e) => this.#click(e))
    $root.addEventListener('submit', (e) => this.#submit(e))
    $root.addEventListener('change', (e) => this.#change(e))
    $root.addEventListener('dragstart', (e) => this.#dragStart(e))
    $root.addEventListener('dragend', () => this.#dragEnd())
    $root.addEventListener('dragover', (e) => this.#dragOver(e))
    $root.addEventListener('dragleave', (e) => e.target.closest?.('.js-drop')?.classList.remove('cb-drop--over'))
    $root.addEventListener('drop', (e) => this.#drop(e))
    flags.addEventListener('change', () => this.#markMoving())
  }

  render (state) {
    this.state = state
    const cards = state.statements.filter((s) => s.category === this.category)
    const key = JSON.stringify([this.category, state.theming_mode, state.stage, themesOf(state, this.category),
      cards.map((s) => [s.id, s.theme_id, s.hidden]), state.suggestions, [...this.open], [...this.errors],
      state.rounds.filter((r) => r.status === 'open').map((r) => r.items)])
    if (key === this.key) return
    this.key = key
    rebuild(this.$root, () => this.#build(state))
    this.#markMoving()
  }

  #redraw () {
    this.key = null
    if (this.state) this.render(this.state)
  }

  #build (state) {
    const themes = themesOf(state, this.category)
    const unthemed = cardsIn(state, this.category, null)
    return [
      this.#modeSwitch(state),
      this.#suggestions(state),
      h('div', { className: 'cb-tabs', attrs: { role: 'group', 'aria-label': 'Which question to theme' } },
        CATEGORIES.map((c) => h('button', {
          type: 'button',
          className: 'cb-button cb-button--secondary cb-tabs__tab',
          dataset: { action: 'category', category: c.value, key: `tab-${c.value}` },
          attrs: { 'aria-pressed': String(c.value === this.category) }
        }, `${c.title} (${state.statements.filter((s) => s.category === c.value).length})`))),
      this.#newTheme(),
      this.#error('move'),
      h('div', { className: 'cb-workspace' },
        this.#column(null, 'Not yet themed', '', unthemed, themes),
        h('div', { className: 'cb-columns' },
          themes.length ? null : h('p', { className: 'cb-hint', text: 'No themes yet for this question. Create one to start sorting.' }),
          themes.map((theme) => this.#column(theme, theme.title, theme.i_statement, cardsIn(state, this.category, theme.id), themes))))
    ]
  }

  #modeSwitch (state) {
    const everyone = state.theming_mode === 'everyone'
    return h('div', { className: 'cb-mode' },
      h('p', { className: 'cb-mode__label', id: 'mode-label', text: 'Who moves the cards?' }),
      h('div', { className: 'cb-button-group', attrs: { role: 'group', 'aria-labelledby': 'mode-label' } },
        h('button', {
          type: 'button', className: 'cb-button cb-button--secondary cb-toggle',
          dataset: { action: 'mode', mode: 'everyone', key: 'mode-everyone' },
          attrs: { 'aria-pressed': String(everyone) }
        }, 'Everyone moves cards'),
        h('button', {
          type: 'button', className: 'cb-button cb-button--secondary cb-toggle',
          dataset: { action: 'mode', mode: 'facilitators', key: 'mode-facilitators' },
          attrs: { 'aria-pressed': String(!everyone) }
        }, 'Only facilitators, participants suggest')),
      this.#error('mode'))
  }

  #suggestions (state) {
    const waiting = state.suggestions ?? []
    if (!waiting.length && state.theming_mode === 'everyone') return null
    return h('section', { className: 'cb-suggestions', attrs: { 'aria-labelledby': 'suggestions-heading' } },
      h('h3', { id: 'suggestions-heading', text: `Suggested moves (${waiting.length})` }),
      waiting.length
        ? h('ul', { className: 'cb-suggestions__list' }, waiting.map((s) => {
          const card = state.statements.find((x) => x.id === s.statement_id)
          const to = s.theme_id ? themeById(state, s.theme_id)?.title ?? 'a theme that is gone' : 'Not yet themed'
          return h('li', { className: 'cb-suggestion js-suggestion', dataset: { id: s.id } },
            h('p', {}, 'Move “', h('span', { text: short(card?.text ?? 'a card', 90) }), '” to ', h('strong', { text: to })),
            h('div', { className: 'cb-button-group' },
              h('button', { type: 'button', className: 'cb-button', dataset: { action: 'accept', id: s.id, key: `accept-${s.id}` }, text: 'Accept' }),
              h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { action: 'dismiss', id: s.id, key: `dismiss-${s.id}` }, text: 'Dismiss' })),
            this.#error(`suggestion-${s.id}`))
        }))
        : h('p', { className: 'cb-hint', text: 'No suggestions waiting.' }))
  }

  #newTheme () {
    if (this.open.get('new') !== 'new') {
      return h('div', { className: 'cb-button-group' },
        h('button', { type: 'button', className: 'cb-button', dataset: { action: 'open', id: 'new', what: 'new', key: 'new-theme' }, text: '+ Create a theme' }))
    }
    return h('form', { className: 'cb-theme-form js-new-theme-form', dataset: { form: 'new' }, attrs: { novalidate: true } },
      h('h3', { text: 'New theme' }),
      this.#error('new'),
      h('div', { className: 'cb-form-group' },
        h('label', { className: 'cb-label', htmlFor: 'fac-new-title', text: 'Theme title' }),
        h('input', { className: 'cb-input', id: 'fac-new-title', type: 'text', maxLength: 120, autocomplete: 'off' })),
      h('div', { className: 'cb-form-group' },
        h('label', { className: 'cb-label', htmlFor: 'fac-new-i', text: 'I statement (optional)' }),
        h('textarea', { className: 'cb-textarea', id: 'fac-new-i', rows: 2, maxLength: 600 })),
      h('div', { className: 'cb-button-group' },
        h('button', { type: 'submit', className: 'cb-button', text: 'Create the theme' }),
        h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { action: 'close', id: 'new' }, text: 'Cancel' })))
  }

  #column (theme, title, iStatement, cards, themes) {
    const id = theme?.id ?? ''
    const headingId = `col-${id || 'unthemed'}-heading`
    const mode = theme ? this.open.get(theme.id) : null
    return h('section', {
      className: `cb-column js-drop${theme ? '' : ' cb-column--unthemed'}`,
      dataset: { theme: id },
      attrs: { 'aria-labelledby': headingId }
    },
    h('h3', { className: 'cb-column__title', id: headingId }, h('span', { text: title }),
      h('span', { className: 'cb-column__count', text: ` (${plural(cards.length, 'card')})` })),
    iStatement ? h('p', { className: 'cb-column__i-statement', text: `“${iStatement}”` }) : null,
    theme ? this.#themeTools(theme, mode, themes, cards.length) : h('p', { className: 'cb-hint', text: 'Drag cards to a theme, or use “Move to”.' }),
    cards.length
      ? h('ul', { className: 'cb-column__cards' }, cards.map((card) => this.#card(card, themes, Boolean(theme))))
      : h('p', { className: 'cb-column__empty', text: theme ? 'Drop cards here.' : 'Every card is in a theme.' }))
  }

  #themeTools (theme, mode, themes, count) {
    const act = (what, text) => h('button', {
      type: 'button', className: 'cb-button cb-button--secondary cb-button--small',
      dataset: { action: 'open', id: theme.id, what, key: `${what}-${theme.id}` },
      attrs: { 'aria-expanded': String(mode === what), 'aria-label': `${text} ${theme.title}` }
    }, text)
    const others = themes.filter((t) => t.id !== theme.id)
    let panel = null
    if (mode === 'edit') {
      panel = h('form', { className: 'cb-theme-form', dataset: { form: 'edit', id: theme.id }, attrs: { novalidate: true } },
        h('div', { className: 'cb-form-group' },
          h('label', { className: 'cb-label', htmlFor: `edit-title-${theme.id}`, text: 'Title' }),
          h('input', { className: 'cb-input', id: `edit-title-${theme.id}`, type: 'text', maxLength: 120, value: theme.title })),
        h('div', { className: 'cb-form-group' },
          h('label', { className: 'cb-label', htmlFor: `edit-i-${theme.id}`, text: 'I statement' }),
          h('textarea', { className: 'cb-textarea', id: `edit-i-${theme.id}`, rows: 2, maxLength: 600, value: theme.i_statement ?? '' })),
        h('div', { className: 'cb-button-group' },
          h('button', { type: 'submit', className: 'cb-button', text: 'Save' }),
          h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { action: 'close', id: theme.id }, text: 'Cancel' })))
    } else if (mode === 'merge') {
      panel = others.length
        ? h('form', { className: 'cb-theme-form', dataset: { form: 'merge', id: theme.id }, attrs: { novalidate: true } },
          h('label', { className: 'cb-label', htmlFor: `merge-${theme.id}`, text: `Merge “${theme.title}” into` }),
          h('select', { className: 'cb-select', id: `merge-${theme.id}` },
            others.map((t) => h('option', { value: t.id, text: t.title }))),
          h('p', { className: 'cb-hint', text: `Its ${plural(count, 'card')} move there and this theme goes.` }),
          h('div', { className: 'cb-button-group' },
            h('button', { type: 'submit', className: 'cb-button', text: 'Merge' }),
            h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { action: 'close', id: theme.id }, text: 'Cancel' })))
        : h('p', { className: 'cb-hint', text: 'There is no other theme to merge into.' })
    } else if (mode === 'split') {
      panel = h('form', { className: 'cb-theme-form', dataset: { form: 'split', id: theme.id }, attrs: { novalidate: true } },
        h('p', { className: 'cb-hint', text: 'Tick the cards below to split off, give the new theme a title, then split.' }),
        h('label', { className: 'cb-label', htmlFor: `split-title-${theme.id}`, text: 'New theme title' }),
        h('input', { className: 'cb-input', id: `split-title-${theme.id}`, type: 'text', maxLength: 120 }),
        h('div', { className: 'cb-button-group' },
          h('button', { type: 'submit', className: 'cb-button', text: 'Split off the ticked cards' }),
          h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { action: 'close', id: theme.id }, text: 'Cancel' })))
    } else if (mode === 'delete') {
      panel = h('div', { className: 'cb-confirm', attrs: { role: 'group', 'aria-label': `Delete ${theme.title}` } },
        h('p', { className: 'cb-confirm__question', text: `Delete “${theme.title}”?` }),
        h('p', { className: 'cb-hint', text: `Its ${plural(count, 'card')} go back to “Not yet themed”. Nothing else is lost.` }),
        h('div', { className: 'cb-button-group' },
          h('button', { type: 'button', className: 'cb-button cb-button--warning', dataset: { action: 'delete', id: theme.id, key: `yes-delete-${theme.id}` }, text: 'Yes, delete it' }),
          h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { action: 'close', id: theme.id }, text: 'Cancel' })))
    }
    return h('div', { className: 'cb-column__tools' },
      h('div', { className: 'cb-button-group cb-button-group--tight' },
        act('edit', 'Edit'), act('merge', 'Merge'), act('split', 'Split'), act('delete', 'Delete')),
      this.#error(theme.id),
      panel)
  }

  #card (card, themes, inTheme) {
    const selectId = `move-${card.id}`
    const splitting = inTheme && this.open.get(card.theme_id) === 'split'
    return h('li', {
      className: `cb-fcard js-card${card.hidden ? ' cb-fcard--hidden' : ''}`,
      dataset: { id: card.id },
      draggable: true
    },
    splitting
      ? h('div', { className: 'cb-choice cb-choice--checkbox cb-fcard__split' },
        h('input', { className: 'cb-choice__input', type: 'checkbox', id: `split-${card.id}`, value: card.id }),
        h('label', { className: 'cb-choice__label', htmlFor: `split-${card.id}` },
          h('span', { className: 'cb-visually-hidden', text: 'Split off: ' }),
          h('span', { text: card.text })))
      : h('p', { className: 'cb-fcard__text', text: card.text }),
    h('p', { className: 'cb-fcard__tags' },
      card.hidden ? h('span', { className: 'cb-tag', text: 'Hidden' }) : null,
      h('span', { className: 'cb-tag cb-tag--moving js-moving', hidden: true, text: 'Being moved…' })),
    h('div', { className: 'cb-fcard__move' },
      h('label', { className: 'cb-visually-hidden', htmlFor: selectId, text: `Move “${short(card.text, 40)}” to` }),
      h('select', { className: 'cb-select cb-select--small', id: selectId, dataset: { keep: 'no' } },
        h('option', { value: '', text: 'Move to…', selected: true }),
        themes.filter((t) => t.id !== card.theme_id).map((t) => h('option', { value: t.id, text: t.title })),
        card.theme_id ? h('option', { value: '-', text: 'Not yet themed' }) : null),
      h('button', {
        type: 'button', className: 'cb-button cb-button--secondary cb-button--small',
        dataset: { action: 'move', id: card.id, key: `movebtn-${card.id}` },
        attrs: { 'aria-label': `Move “${short(card.text, 40)}”` }
      }, 'Move')))
  }

  #error (where) {
    const message = this.errors.get(where)
    return message ? h('p', { className: 'cb-error-message', attrs: { role: 'alert' }, text: message }) : null
  }

  #markMoving () {
    for (const $card of this.$root.querySelectorAll('.js-card')) {
      const moving = this.flags.has($card.dataset.id)
      $card.classList.toggle('cb-fcard--moving', moving)
      const $tag = $card.querySelector('.js-moving')
      if ($tag) $tag.hidden = !moving
    }
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
      this.#redraw()
      return false
    }
  }

  async #click (event) {
    const $button = event.target.closest('[data-action]')
    if (!$button || !this.$root.contains($button)) return
    const { action, id } = $button.dataset
    if (action === 'category') {
      this.category = $button.dataset.category
      this.open.clear()
      this.#redraw()
    } else if (action === 'mode') {
      const mode = $button.dataset.mode
      if (this.state.theming_mode === mode) return
      await this.#send('mode', { type: 'set_theming_mode', mode },
        mode === 'everyone' ? 'Everyone can move cards now.' : 'Only facilitators move cards now. Participants can suggest moves.')
    } else if (action === 'open') {
      const what = $button.dataset.what
      this.errors.delete(id)
      if (this.open.get(id) === what) this.open.delete(id)
      else this.open.set(id, what)
      this.#redraw()
      const $first = id === 'new'
        ? this.$root.querySelector('.js-new-theme-form input')
        : this.$root.querySelector(`[data-form][data-id="${CSS.escape(id)}"] input, [data-form][data-id="${CSS.escape(id)}"] select, [data-action="delete"][data-id="${CSS.escape(id)}"]`)
      $first?.focus()
    } else if (action === 'close') {
      this.open.delete(id)
      this.errors.delete(id)
      this.#redraw()
      this.$root.querySelector(id === 'new' ? '[data-key="new-theme"]' : `[data-key="edit-${CSS.escape(id)}"]`)?.focus()
    } else if (action === 'delete') {
      const title = themeById(this.state, id)?.title ?? 'The theme'
      if (await this.#send(id, { type: 'delete_theme', theme_id: id }, `“${title}” deleted. Its cards are back in “Not yet themed”.`)) {
        this.open.delete(id)
        this.#redraw()
      }
    } else if (action === 'move') {
      const $select = this.$root.querySelector(`#move-${CSS.escape(id)}`)
      const to = $select?.value
      if (!to) {
        this.errors.set('move', 'Choose where to move the card first.')
        this.announce('Choose where to move the card first.')
        $select?.focus()
        return
      }
      await this.#move(id, to === '-' ? null : to)
    } else if (action === 'accept' || action === 'dismiss') {
      await this.#send(`suggestion-${id}`, { type: `${action}_suggestion`, suggestion_id: id },
        action === 'accept' ? 'Suggestion accepted. The card has moved.' : 'Suggestion dismissed.')
    }
  }

  #change (event) {
    // Ticking a card to split off needs no redraw; the split form reads the ticks.
    if (event.target.matches('select[id^="move-"]')) this.errors.delete('move')
  }

  async #move (cardId, themeId) {
    const title = themeId ? themeById(this.state, themeId)?.title : 'Not yet themed'
    await this.#send('move', { type: 'move_statement', statement_id: cardId, theme_id: themeId }, `Card moved to ${title}.`)
  }

  async #submit (event) {
    const $form = event.target.closest('[data-form]')
    if (!$form) return
    event.preventDefault()
    const { form, id } = $form.dataset
    const value = (selector) => $form.querySelector(selector)?.value.trim() ?? ''
    if (form === 'new') {
      const title = value('#fac-new-title')
      if (!title) return this.#invalid('new', 'Enter a title for the theme.')
      if (await this.#send('new', { type: 'create_theme', category: this.category, title, i_statement: value('#fac-new-i') }, `Theme “${title}” created.`)) {
        this.open.delete('new')
        this.#clear(['fac-new-title', 'fac-new-i'])
        this.#redraw()
        this.$root.querySelector('[data-key="new-theme"]')?.focus()
      }
    } else if (form === 'edit') {
      const title = value(`#edit-title-${CSS.escape(id)}`)
      if (!title) return this.#invalid(id, 'The theme needs a title.')
      if (await this.#send(id, { type: 'update_theme', theme_id: id, title, i_statement: value(`#edit-i-${CSS.escape(id)}`) }, `Theme “${title}” saved.`)) {
        this.open.delete(id)
        this.#redraw()
      }
    } else if (form === 'merge') {
      const into = value(`#merge-${CSS.escape(id)}`)
      const from = themeById(this.state, id)?.title
      const to = themeById(this.state, into)?.title
      if (await this.#send(id, { type: 'merge_themes', theme_id: id, into_id: into }, `“${from}” merged into “${to}”.`)) {
        this.open.delete(id)
        this.#redraw()
      }
    } else if (form === 'split') {
      const title = value(`#split-title-${CSS.escape(id)}`)
      const cards = [...this.$root.querySelectorAll(`.js-drop[data-theme="${CSS.escape(id)}"] input[type="checkbox"]:checked`)].map((c) => c.value)
      if (!cards.length) return this.#invalid(id, 'Tick at least one card to split off.')
      if (!title) return this.#invalid(id, 'Enter a title for the new theme.')
      if (await this.#send(id, { type: 'split_theme', theme_id: id, statements: cards, title }, `${plural(cards.length, 'card')} split off into “${title}”.`)) {
        this.open.delete(id)
        this.#clear([`split-title-${id}`])
        this.#redraw()
      }
    }
  }

  #invalid (where, message) {
    this.errors.set(where, message)
    this.announce(message)
    this.#redraw()
  }

  #clear (ids) {
    for (const id of ids) {
      const $input = document.getElementById(id)
      if ($input) $input.value = ''
    }
  }

  // ---- drag and drop (desktop; every drag also has "Move to") ------------

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
