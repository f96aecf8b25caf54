// Invest on the console: the investment grid for the shortlisted ideas.
// The picture shows the room's median and spread from people's phone
// ratings, and the final place once set. "Place it" sets the final place
// with two lists (cost and benefit, 1 to 5): no dragging needed. The same
// ideas are listed by quadrant for screen readers and small screens.

import { ConsolePanel, consoleView, split } from '../../components/console-panel.js'
import { traceDetails } from '../../components/trace.js'
import { allowed } from '../../policy.js'
import { placedRoom } from '../../report-words.js'
import { html, live, nothing, repeat } from '../../lit.js'
import { gridGroups, gridKey, gridPicture, placementInWords, roomInWords } from '../../report-grid.js'

const LEVELS = [[1, '1 (low)'], [2, '2'], [3, '3'], [4, '4'], [5, '5 (high)']]

/** The shortlisted ideas as grid items, numbered in shortlist order. */
export function gridItems (state) {
  return (state.grid ?? []).map((row, i) => {
    const idea = (state.ideas ?? []).find((x) => x.id === row.idea_id)
    return { n: i + 1, id: row.idea_id, label: idea?.text ?? '(removed)', room: row.room, placement: row.placement }
  })
}

export class InvestPanel extends ConsolePanel {
  constructor ($root, context) {
    super($root, context)
    // Lists the facilitator has changed keep their choice across updates;
    // the others follow the room's view (or the final place) as it moves.
    this.touched = new Map() // select id -> value chosen
  }

  template (state) {
    const items = gridItems(state)
    if (!items.length) {
      return html`<p class="cb-hint">No ideas are shortlisted yet. Go back to Ideas and tick the shortlist.</p>`
    }
    const rated = items.filter((i) => placedRoom(i.room)).length
    return split({ label: 'The grid', content: html`<p class="cb-hint">People rate on their phones. ${rated} of ${items.length} ideas have a room’s view (from 3 ratings, so nobody’s own shows).</p>
      ${this.#showing(state)}
      <figure class="cb-grid-figure js-grid">
        ${gridPicture(items, { title: 'The investment grid: shortlisted ideas by cost and benefit' })}
        <figcaption>${gridKey()}</figcaption>
      </figure>` }, html`<h3>Ideas by quadrant</h3>
      ${gridGroups(items, 'fac-grid').map(({ q, items: inIt, headingId }) => html`<section class="cb-grid-group" aria-labelledby=${headingId}>
        <h4 id=${headingId} class="cb-grid-group__title">${q.title} (${q.hint}): ${inIt.length}</h4>
        ${inIt.length
          ? html`<ul class="cb-grid-group__list">${repeat(inIt, (item) => item.id, (item) => html`<li class="cb-grid-group__item" data-idea=${item.id}>
              <span class="cb-grid-group__text"><strong>${item.n}. </strong>${item.label}</span>
              <span class="cb-grid-group__meta">${roomInWords(item.room)} ${placementInWords(item.placement)}</span>
              ${this.#place(state, item)}
            </li>`)}</ul>`
          : html`<p class="cb-hint">None.</p>`}
      </section>`)}`)
  }

  // The room's view stays on this screen until the facilitator shows it to
  // phones and the wall, so that nobody rating later is swayed by it.
  #showing (state) {
    if (!allowed(this.connection, 'show_grid_view', state)) return nothing
    const shown = Boolean(state.grid_view_shown)
    const toggle = () => this.send({ type: 'show_grid_view', shown: !shown },
      shown ? 'The room’s view is hidden from phones and the wall.' : 'The room’s view is shown on phones and the wall.')
    return html`<div class="cb-grid-showing js-grid-showing" role="group" aria-label="The room’s view">
      <p class="cb-grid-showing__now">${shown
        ? 'Phones and the wall show the room’s view.'
        : 'Only you see the room’s view, so it sways nobody still rating.'}</p>
      <button type="button" class="cb-button cb-button--small ${shown ? 'cb-button--secondary' : ''}" data-key="show-grid-view"
        @click=${toggle}>${shown ? 'Hide the room’s view again' : 'Show the room’s view'}</button>
    </div>`
  }

  #place (state, item) {
    const now = item.placement ?? placedRoom(item.room)
    const pick = (value) => String(Math.min(5, Math.max(1, Math.round(value ?? 3))))
    const select = (name, label, value) => {
      const id = `place-${name}-${item.id}`
      const chosen = this.touched.get(id) ?? pick(value)
      return html`<div class="cb-form-group cb-place__field">
        <label class="cb-label" for=${id}>${label}</label>
        <select class="cb-select" id=${id} name=${name} .value=${live(chosen)}
          @change=${(e) => this.touched.set(id, e.currentTarget.value)}>
          ${LEVELS.map(([n, words]) => html`<option value=${String(n)} ?selected=${String(n) === chosen}>${words}</option>`)}
        </select>
      </div>`
    }
    const place = this.onSubmit(async ($form) => {
      const cost = Number($form.querySelector('select[name="cost"]').value)
      const benefit = Number($form.querySelector('select[name="benefit"]').value)
      const ok = await this.send({ type: 'place_idea', idea_id: item.id, cost, benefit }, `Placed: cost ${cost}, benefit ${benefit}.`)
      if (ok) {
        this.touched.delete(`place-cost-${item.id}`)
        this.touched.delete(`place-benefit-${item.id}`)
      }
      this.$root.querySelector(`[data-key="place-${CSS.escape(item.id)}"]`)?.focus()
    })
    return html`<div class="cb-place">
      <form class="cb-place__form" data-form="place" novalidate aria-label="Place idea ${item.n}" @submit=${place}>
        ${select('cost', 'Cost', now?.cost)}
        ${select('benefit', 'Benefit', now?.benefit)}
        <button type="submit" class="cb-button cb-button--secondary" data-key="place-${item.id}">Place it<span
          class="cb-visually-hidden">: idea ${item.n}</span></button>
      </form>
      ${traceDetails(state, 'idea', item.id)}
    </div>`
  }
}

export const InvestConsole = consoleView({ Panel: InvestPanel, id: 'invest', title: 'The investment grid', hook: 'js-invest' })
