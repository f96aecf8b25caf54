// Ideas on a phone: first what is already in place, then ideas of three
// kinds, each of which may name the success it would help.

import { PhoneWork } from '../../components/phone-work.js'
import { IDEA_KINDS, IN_PLACE, perspectiveInfo } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'

export class IdeasPhone extends PhoneWork {
  template (state) {
    const ideas = state.ideas ?? []
    const inPlace = ideas.filter((i) => i.kind === IN_PLACE.value)
    return html`${this.heading('Ideas', 'First say what is already in place. Then share new ideas.')}
      <section class="cb-d2-card cb-d2-kind" data-kind=${IN_PLACE.value}>
        <h3>${IN_PLACE.title}</h3>
        <p class="cb-hint">${IN_PLACE.hint}</p>
        ${this.#list(inPlace, 'Nothing noted yet.')}
        ${!this.can('add_idea') ? nothing : this.toggle('idea-in-place', 'Add something already in place', () => this.textForm('idea-in-place', {
          label: 'What already happens and helps?',
          submit: 'Add it',
          command: (text) => ({ type: 'add_idea', kind: IN_PLACE.value, text, serves: [] }),
          done: 'Added. Thank you.'
        }))}
      </section>
      ${IDEA_KINDS.map((kind) => this.#kind(state, ideas, kind))}`
  }

  #kind (state, ideas, kind) {
    const key = `idea-${kind.value}`
    return html`<section class="cb-d2-card cb-d2-kind" data-kind=${kind.value}>
      <h3>${kind.title}</h3>
      <p class="cb-d2-kind__hint">${kind.hint}</p>
      ${this.#list(ideas.filter((i) => i.kind === kind.value), 'No ideas like this yet.')}
      ${!this.can('add_idea') ? nothing : this.toggle(key, `Add ${kind.one}`, () => this.textForm(key, {
        label: `Your idea (${kind.title.toLowerCase().replace(/s$/, '')})`,
        hint: kind.hint,
        submit: 'Add my idea',
        extra: this.#serves(state, key),
        command: (text, $form) => ({
          type: 'add_idea',
          kind: kind.value,
          text,
          serves: [...$form.querySelectorAll('input[name="serves"]:checked')].map((i) => i.value)
        }),
        done: 'Your idea is added.'
      }))}
    </section>`
  }

  #list (ideas, none) {
    if (!ideas.length) return this.empty(none)
    return html`<ul class="cb-d2-list">${repeat(ideas, (i) => i.id, (idea) => html`<li class="cb-d2-item" data-idea=${idea.id}>
      ${idea.shortlisted ? html`<p class="cb-why__tags"><span class="cb-tag cb-tag--chosen">★ Shortlisted</span></p>` : nothing}
      <p class="cb-d2-item__text">${idea.text}</p>
      ${this.speak(idea.text)}
    </li>`)}</ul>`
  }

  // Tick the success statements an idea would help (optional).
  #serves (state, key) {
    const successes = state.successes ?? []
    if (!successes.length) return nothing
    return html`<details class="cb-d2-serves">
      <summary class="cb-d2-others__summary">Which success would it help? (optional)</summary>
      <fieldset class="cb-fieldset">
        <legend class="cb-visually-hidden">Tick the ones it would help</legend>
        ${repeat(successes, (s) => s.id, (s) => html`<div class="cb-choice cb-choice--checkbox">
          <input class="cb-choice__input" type="checkbox" name="serves" id="${key}-serves-${s.id}" value=${s.id}>
          <label class="cb-choice__label" for="${key}-serves-${s.id}"><span class="cb-choice__title">${s.text}</span><span
            class="cb-choice__hint">${perspectiveInfo(s.perspective).title}</span></label>
        </div>`)}
      </fieldset>
    </details>`
  }
}
