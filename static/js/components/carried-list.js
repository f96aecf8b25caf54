// "Taken forward": what the room chose to work on next, on a phone, each
// with read-aloud. Shown from the vote on, until the second day's work
// shows the themes itself.

import { itemInfo, itemLabel } from '../board-state.js'
import { html, nothing, repeat } from '../lit.js'

export class CarriedList {
  constructor ({ readAloud = null } = {}) {
    this.readAloud = readAloud
  }

  /** The section, or nothing when nothing is taken forward. */
  template (state) {
    const carried = state.carried ?? []
    if (!carried.length) return nothing
    return html`<section class="cb-carried js-carried" aria-labelledby="carried-heading">
      <h2 id="carried-heading">Taken forward</h2>
      <p class="cb-hint">The room chose these to work on next.</p>
      <ol class="cb-carried__list js-carried-list">${repeat(carried, (id) => id, (id) => {
        const info = itemInfo(state, id)
        return html`<li class="cb-carried__item">
          <p class="cb-carried__title">${info.kind === 'theme' ? info.title : info.text}</p>
          ${info.kind === 'theme' && info.text ? html`<p class="cb-carried__i-statement">“${info.text}”</p>` : nothing}
          ${this.readAloud?.button(itemLabel(info)) ?? nothing}
        </li>`
      })}</ol>
    </section>`
  }
}
