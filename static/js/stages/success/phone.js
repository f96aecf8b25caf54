// Success on a phone: for each chosen root cause, what success would look
// like, your own point of view first and the other three folded away.

import { themeById } from '../../board-state.js'
import { PhoneWork } from '../../components/phone-work.js'
import { PERSPECTIVES, ownPerspective, perspectiveInfo } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'

export class SuccessPhone extends PhoneWork {
  template (state) {
    const chosen = (state.causes ?? []).filter((c) => c.chosen)
    const you = state.you ?? this.connection.you
    const first = ownPerspective(you?.group)
    return html`${this.heading('What would success look like?', 'Imagine each root cause is fixed. What would be different?')}
      ${chosen.length
        ? repeat(chosen, (c) => c.id, (cause) => this.#card(state, cause, first))
        : this.empty('The facilitator has not chosen the root causes yet.')}`
  }

  #card (state, cause, first) {
    const theme = themeById(state, cause.theme_id)
    const others = PERSPECTIVES.filter((p) => p.value !== first)
    return html`<article class="cb-d2-card" data-cause=${cause.id}>
      <p class="cb-kicker">${theme ? `Root cause — ${theme.title}` : 'Root cause'}</p>
      <h3 class="cb-d2-card__title">${cause.text}</h3>
      ${this.speak(cause.text)}
      ${this.#perspective(state, cause, perspectiveInfo(first), true)}
      <details class="cb-d2-others">
        <summary class="cb-d2-others__summary">Other points of view</summary>
        ${others.map((p) => this.#perspective(state, cause, p, false))}
      </details>
    </article>`
  }

  #perspective (state, cause, p, yours) {
    const said = (state.successes ?? []).filter((s) => s.cause_id === cause.id && s.perspective === p.value)
    const key = `success-${cause.id}-${p.value.replace(/\s+/g, '-')}`
    return html`<section class="cb-d2-view ${yours ? 'cb-d2-view--yours' : ''}" data-perspective=${p.value}>
      <h4 class="cb-d2-view__title">${yours ? html`<span class="cb-d2-view__yours">Your point of view: </span>` : nothing}${p.title}</h4>
      <p class="cb-hint">${p.hint}</p>
      ${said.length
        ? html`<ul class="cb-d2-list">${repeat(said, (s) => s.id, (s) => html`<li class="cb-d2-item">
            <p class="cb-d2-item__text">${s.text}</p>${this.speak(s.text)}</li>`)}</ul>`
        : this.empty('Nothing yet.')}
      ${!this.can('add_success') ? nothing : this.toggle(key, 'Add what success would look like', () => this.textForm(key, {
        label: `What would success look like for ${p.title.toLowerCase()}?`,
        hint: 'For example: “I get through first time when I call.”',
        submit: 'Add it',
        command: (text) => ({ type: 'add_success', cause_id: cause.id, perspective: p.value, text }),
        done: 'Added. Thank you.'
      }), { secondary: !yours })}
    </section>`
  }
}
