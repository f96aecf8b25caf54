// Plan on the wall: the action plan as a table, quick wins first.

import { WallWork } from '../../components/wall-work.js'
import { dueWords, quadrantInfo, statusInfo } from '../../day-two-words.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'

const PLAN_ROWS = 6

export class PlanWall extends WallWork {
  template (state) {
    const actions = state.actions ?? []
    const shown = actions.slice(0, PLAN_ROWS)
    return html`${this.heading('The action plan', 'Quick wins first')}
      ${actions.length
        ? html`<table class="cb-w2-plan">
            <thead><tr>${['What', 'Who', 'When', 'Now'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
            <tbody>${repeat(shown, (a) => a.id, (a) => {
              const q = quadrantInfo(a.quadrant)
              const status = statusInfo(a.status)
              return html`<tr data-action=${a.id}>
                <td>${q ? html`<strong class="cb-w2__tag">${q.name}</strong> ` : nothing}${a.text}</td>
                <td>${a.owner}</td>
                <td>${dueWords(a.due)}</td>
                <td>${status.mark} ${status.label}</td>
              </tr>`
            })}</tbody>
          </table>`
        : this.none('No actions yet.')}
      ${actions.length > shown.length
        ? html`<p class="cb-w2__more">and ${plural(actions.length - shown.length, 'more action')}</p>`
        : nothing}`
  }
}
