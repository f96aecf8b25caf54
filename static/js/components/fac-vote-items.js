// Dot votes on the second day: on root causes or on ideas. The open-round
// form uses this picker for them (board-state's itemInfo labels vote items
// that are causes or ideas by their words).

import { h, plural, rebuild } from '../dom.js'

/** Checkboxes of causes or ideas to vote on. */
export class OutcomePicker {
  constructor ($root, { onChange }) {
    this.$root = $root
    this.onChange = onChange
    this.kind = 'causes'
    this.key = null
    $root.addEventListener('change', () => onChange(this.chosen()))
  }

  chosen () {
    return [...this.$root.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value)
  }

  clear () {
    for (const $box of this.$root.querySelectorAll('input[type="checkbox"]:checked')) $box.checked = false
    this.onChange([])
  }

  /** Tick exactly these ids. */
  tick (ids) {
    const wanted = new Set(ids)
    for (const $box of this.$root.querySelectorAll('input[type="checkbox"]')) $box.checked = wanted.has($box.value)
    this.onChange(this.chosen())
  }

  items (state) {
    if (this.kind === 'ideas') return (state.ideas ?? []).filter((i) => i.kind !== 'in place')
    const carried = new Set(state.carried ?? [])
    return (state.causes ?? []).filter((c) => carried.has(c.theme_id))
  }

  render (state, kind = this.kind, { force = false } = {}) {
    this.kind = kind
    const items = this.items(state)
    const key = JSON.stringify([kind, items.map((i) => [i.id, i.text])])
    if (key === this.key && !force) return
    this.key = key
    const noun = kind === 'ideas' ? 'idea' : 'cause'
    rebuild(this.$root, () => items.length
      ? h('fieldset', { className: 'cb-fieldset' },
        h('legend', { text: kind === 'ideas' ? 'Tick the ideas to vote on' : 'Tick the root causes to vote on' }),
        h('p', { className: 'cb-hint', text: `${plural(items.length, noun)} to choose from.` }),
        items.map((item) => {
          const id = `vote-${noun}-${item.id}`
          return h('div', { className: 'cb-choice cb-choice--checkbox' },
            h('input', { className: 'cb-choice__input', type: 'checkbox', id, value: item.id }),
            h('label', { className: 'cb-choice__label', htmlFor: id }, h('span', { className: 'cb-choice__title', text: item.text })))
        }))
      : h('p', { className: 'cb-hint', text: kind === 'ideas' ? 'No ideas yet.' : 'No root causes yet.' }))
  }
}
