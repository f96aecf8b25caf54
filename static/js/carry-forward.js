// Choosing what the room carries forward after a vote: how many (default
// 3), ticks filled in from the ranking, and ties at the cut flagged so the
// facilitator settles them by ticking.

import { itemInfo, placeLabel, ranking } from './board-state.js'
import { h, plural, rebuild, replaceChildren } from './dom.js'

export class CarryForward {
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.key = null
    this.count = 3
    $root.addEventListener('submit', (e) => this.submit(e))
    $root.addEventListener('change', (e) => {
      if (e.target.id === 'carry-count') {
        this.count = Math.max(1, Math.round(Number(e.target.value)) || 1)
        this.key = null
        this.render(this.state, this.round, { refill: true })
      }
    })
  }

  render (state, round, { refill = false } = {}) {
    this.state = state
    this.round = round
    const rows = ranking(round)
    if (!rows.length || round.status === 'open') {
      this.key = null
      replaceChildren(this.$root)
      return
    }
    const key = JSON.stringify([round.id, rows, state.carried, state.themes, this.count])
    if (key === this.key) return
    const fresh = this.roundId !== round.id || refill
    this.roundId = round.id
    this.key = key
    const count = Math.min(this.count, rows.length)
    const cut = rows[count - 1]?.total
    // A tie straddles the cut when items just inside and just outside share a total.
    const straddle = rows.length > count && rows[count].total === cut
    const sure = new Set(rows.filter((r, i) => i < count && !(straddle && r.total === cut)).map((r) => r.item))
    const tied = straddle ? rows.filter((r) => r.total === cut) : []
    rebuild(this.$root, () => h('form', { className: 'cb-carry js-carry-form', attrs: { novalidate: true, 'aria-labelledby': 'carry-heading' } },
      h('h3', { id: 'carry-heading', text: 'Carry forward' }),
      h('p', { className: 'cb-hint', text: 'Choose what the room takes into the next stages. Everything else is kept for the report.' }),
      h('div', { className: 'cb-form-group' },
        h('label', { className: 'cb-label', htmlFor: 'carry-count', text: 'How many to take forward' }),
        h('input', { className: 'cb-input cb-input--narrow', id: 'carry-count', type: 'number', min: 1, max: rows.length, value: String(count), inputMode: 'numeric', dataset: { keep: 'no' } })),
      tied.length
        ? h('p', { className: 'cb-warning js-carry-tie', attrs: { role: 'note' }, text: `${plural(tied.length, 'item is', 'items are')} tied at ${plural(cut, 'dot')} across the cut. Tick the ones to take forward.` })
        : null,
      h('fieldset', { className: 'cb-fieldset' },
        h('legend', { text: 'Take forward' }),
        rows.map((row) => {
          const info = itemInfo(state, row.item)
          const id = `carry-${row.item}`
          const isTied = tied.some((t) => t.item === row.item)
          return h('div', { className: `cb-choice cb-choice--checkbox${isTied ? ' cb-carry__tied' : ''}` },
            h('input', { className: 'cb-choice__input', type: 'checkbox', id, value: row.item, checked: sure.has(row.item), dataset: { keep: fresh ? 'no' : 'yes' } }),
            h('label', { className: 'cb-choice__label', htmlFor: id },
              h('span', { className: 'cb-choice__title' }, h('span', { className: 'cb-tag', text: placeLabel(row) }), ' ',
                h('span', { text: info.kind === 'theme' ? info.title : info.text })),
              h('span', { className: 'cb-choice__hint', text: `${plural(row.total, 'dot')}${isTied ? ' — tied: you choose' : ''}` })))
        })),
      h('p', { className: 'cb-error-message js-carry-error', hidden: true }),
      h('button', { type: 'submit', className: 'cb-button js-carry-button', text: 'Carry forward the ticked items' }),
      state.carried?.length
        ? h('div', { className: 'cb-carry__now' },
          h('p', { className: 'cb-label', text: 'Taken forward now:' }),
          h('ol', { className: 'js-carried' }, state.carried.map((id) => {
            const info = itemInfo(state, id)
            return h('li', { text: info.kind === 'theme' ? info.title : info.text })
          })))
        : null))
  }

  async submit (event) {
    event.preventDefault()
    const order = ranking(this.round).map((r) => r.item)
    const items = [...this.$root.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    const $error = this.$root.querySelector('.js-carry-error')
    $error.hidden = true
    if (!items.length) {
      $error.textContent = 'Tick at least one item to take forward.'
      $error.hidden = false
      this.announce($error.textContent)
      return
    }
    try {
      await this.connection.send({ type: 'carry_forward', items })
      this.announce(`${plural(items.length, 'item')} taken forward.`)
    } catch (err) {
      $error.textContent = err?.message ?? 'That did not work.'
      $error.hidden = false
    }
  }
}
