// Plan on the wall: the action plan as a table, quick wins first, every
// action (the rows page when they do not fit: components/wall-pager.js).

import { WallWork } from '../../components/wall-work.js'
import { dueWords, quadrantInfo, statusInfo } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'

export class PlanWall extends WallWork {
  template (state) {
    const actions = state.actions ?? []
    return html`${this.heading('The action plan', 'Quick wins first')}
      ${actions.length
        ? html`<div class="cb-w2-plan__box" data-page-list><table class="cb-w2-plan">
            <thead><tr>${['What', 'Who', 'When', 'Now'].map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
            <tbody>${repeat(actions, (a) => a.id, (a) => {
              const q = quadrantInfo(a.quadrant)
              const status = statusInfo(a.status)
              return html`<tr data-action=${a.id} data-page-item data-key=${a.id}>
                <td>${q ? html`<strong class="cb-w2__tag">${q.name}</strong> ` : nothing}${a.text}</td>
                <td>${a.owner}</td>
                <td>${dueWords(a.due)}</td>
                <td>${status.mark} ${status.label}</td>
              </tr>`
            })}</tbody>
          </table></div>`
        : this.none('No actions yet.')}`
  }
}
