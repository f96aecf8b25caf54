// Invest: the investment grid for the shortlisted ideas. The picture shows
// the room's median and spread from people's phone ratings, and the final
// place once set. "Place it" sets the final place with two lists (cost and
// benefit, 1 to 5): no dragging needed. The same ideas are listed by
// quadrant for screen readers and small screens.

import { h } from '../dom.js'
import { gridByQuadrant, gridKey, gridPicture } from '../report-grid.js'
import { FacPanel } from './fac-common.js'
import { traceDetails } from './fac-trace.js'

const LEVELS = [
  [1, '1 (low)'], [2, '2'], [3, '3'], [4, '4'], [5, '5 (high)']
]

/** The shortlisted ideas as grid items, numbered in shortlist order. */
export function gridItems (state) {
  return (state.grid ?? []).map((row, i) => {
    const idea = (state.ideas ?? []).find((x) => x.id === row.idea_id)
    return { n: i + 1, id: row.idea_id, label: idea?.text ?? '(removed)', room: row.room, placement: row.placement }
  })
}

export class InvestPanel extends FacPanel {
  constructor ($root, options) {
    super($root, options)
    // Lists the facilitator has changed keep their choice across updates;
    // the others follow the room's view (or the final place) as it moves.
    this.touched = new Set()
    $root.addEventListener('change', (e) => {
      if (e.target.matches('select[data-key^="place-"]')) this.touched.add(e.target.id)
    })
  }

  keyOf (state) {
    return JSON.stringify([state.grid, state.ideas, state.successes, state.causes, state.themes, state.statements.length])
  }

  build (state) {
    const items = gridItems(state)
    if (!items.length) {
      return h('p', { className: 'cb-hint', text: 'No ideas are shortlisted yet. Go back to Ideas and tick the shortlist.' })
    }
    const rated = items.filter((i) => i.room).length
    return [
      h('p', { className: 'cb-hint', text: `People rate each idea’s cost and benefit on their phones. ${rated} of ${items.length} ideas have ratings so far. Then set each idea’s final place.` }),
      h('figure', { className: 'cb-grid-figure js-grid' },
        gridPicture(items, { title: 'The investment grid: shortlisted ideas by cost and benefit' }),
        h('figcaption', {}, gridKey())),
      h('h3', { text: 'Ideas by quadrant' }),
      gridByQuadrant(items, { extra: (item) => this.#place(state, item), idPrefix: 'fac-grid' })
    ]
  }

  #place (state, item) {
    const costId = `place-cost-${item.id}`
    const benefitId = `place-benefit-${item.id}`
    const now = item.placement ?? item.room
    const pick = (value) => String(Math.min(5, Math.max(1, Math.round(value ?? 3))))
    const select = (id, label, value) => h('div', { className: 'cb-form-group cb-place__field' },
      h('label', { className: 'cb-label', htmlFor: id, text: label }),
      h('select', { className: 'cb-select', id, name: label.toLowerCase().startsWith('cost') ? 'cost' : 'benefit', dataset: { key: id, keep: this.touched.has(id) ? 'yes' : 'no' } },
        LEVELS.map(([n, words]) => h('option', { value: String(n), text: words, selected: String(n) === pick(value) }))))
    return h('div', { className: 'cb-place' },
      h('form', { className: 'cb-place__form', dataset: { form: 'place', id: item.id }, noValidate: true, attrs: { 'aria-label': `Place idea ${item.n}` } },
        select(costId, 'Cost', now?.cost),
        select(benefitId, 'Benefit', now?.benefit),
        h('button', { type: 'submit', className: 'cb-button cb-button--secondary', dataset: { key: `place-${item.id}` } },
          'Place it', h('span', { className: 'cb-visually-hidden', text: `: idea ${item.n}` }))),
      traceDetails(state, 'idea', item.id))
  }

  async act () {}

  async submit (form, id, $form) {
    if (form !== 'place') return
    const cost = Number($form.querySelector('select[name="cost"]').value)
    const benefit = Number($form.querySelector('select[name="benefit"]').value)
    const ok = await this.send({ type: 'place_idea', idea_id: id, cost, benefit }, `Placed: cost ${cost}, benefit ${benefit}.`)
    if (ok) {
      this.touched.delete(`place-cost-${id}`)
      this.touched.delete(`place-benefit-${id}`)
    }
    this.$root.querySelector(`[data-key="place-${CSS.escape(id)}"]`)?.focus()
  }
}
