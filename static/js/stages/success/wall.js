// Success on the wall: the chosen root causes, numbered when there are
// several, and what success would look like from each of four points of view.

import { WallWork } from '../../components/wall-work.js'
import { PERSPECTIVES } from '../../day-two-words.js'
import { html, nothing } from '../../lit.js'

export class SuccessWall extends WallWork {
  template (state) {
    const chosen = (state.causes ?? []).filter((c) => c.chosen)
    const numbered = chosen.length > 1
    const numberOf = new Map(chosen.map((c, i) => [c.id, i + 1]))
    const successes = (state.successes ?? []).filter((s) => numberOf.has(s.cause_id))
    return html`${this.heading('What would success look like?')}
      ${chosen.length
        ? html`<ol class="cb-w2__causes ${numbered ? '' : 'cb-w2__causes--one'}" data-page-list>${chosen.map((c, i) => html`<li
            value=${i + 1} data-page-item data-key=${c.id}>${c.text}</li>`)}</ol>`
        : this.none('No root causes chosen yet.')}
      <div class="cb-w2__columns cb-w2__columns--4">${PERSPECTIVES.map((p) => {
        const said = successes.filter((s) => s.perspective === p.value)
        return html`<section class="cb-w2__column" data-perspective=${p.value}>
          <h3 class="cb-w2__column-title"><span>${p.title}</span><span class="cb-w2__count">${said.length}</span></h3>
          ${said.length
            ? html`<ul class="cb-w2__list" data-page-list>${said.map((s) => html`<li data-page-item data-key=${s.id}>${numbered
              ? html`<strong class="cb-w2__cause-number">(${numberOf.get(s.cause_id)}) </strong>` : nothing}${s.text}</li>`)}</ul>`
            : this.none('None yet.')}
        </section>`
      })}</div>`
  }
}
