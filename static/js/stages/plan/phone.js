// Plan on a phone: the action plan to read, quick wins first.

import { PhoneWork } from '../../components/phone-work.js'
import { dueWords, quadrantInfo, statusInfo } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'

export class PlanPhone extends PhoneWork {
  template (state) {
    const actions = state.actions ?? []
    return html`${this.heading('The action plan', 'Who will do what, and by when. Quick wins come first.')}
      ${actions.length
        ? html`<ol class="cb-d2-plan">${repeat(actions, (a) => a.id, (a) => this.#action(a))}</ol>`
        : this.empty('No actions yet. They will show here when the facilitator adds them.')}`
  }

  #action (a) {
    const q = quadrantInfo(a.quadrant)
    const status = statusInfo(a.status)
    const when = dueWords(a.due)
    return html`<li class="cb-d2-card cb-action" data-action=${a.id}>
      ${q ? html`<p class="cb-why__tags"><span class="cb-tag cb-tag--quadrant">${q.name}</span></p>` : nothing}
      <p class="cb-action__text">${a.text}</p>
      <dl class="cb-action__facts">
        <dt>Who</dt><dd>${a.owner}</dd>
        <dt>When</dt><dd>${when.startsWith('by ') ? capitalise(when) : when}</dd>
        <dt>Now</dt><dd><span aria-hidden="true">${status.mark} </span>${status.label}</dd>
      </dl>
      ${this.speak(`${a.text}. Who: ${a.owner}. ${when}. ${status.label}.`)}
    </li>`
  }
}

function capitalise (text) {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
