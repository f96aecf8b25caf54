// Statements grouped by question, each with a read-aloud button: what the
// phone shows as "What people said". A group stays open or shut as the
// person left it while new statements arrive.

import { html, nothing, render, repeat } from '../lit.js'
import { plural } from '../dom.js'
import { CATEGORIES } from '../words.js'

export class StatementList {
  /**
   * @param {HTMLElement} $root  an element the list fills
   * @param {object} options  readAloud (ReadAloud or null), open (groups start open)
   */
  constructor ($root, { readAloud = null, open = false } = {}) {
    this.$root = $root
    this.readAloud = readAloud
    this.opened = new Map(CATEGORIES.map((c) => [c.value, open]))
  }

  render (statements) {
    render(CATEGORIES.map((category) => this.#group(category, statements)), this.$root)
  }

  #group (category, statements) {
    const mine = statements.filter((s) => s.category === category.value)
    if (!mine.length) return nothing
    const slug = category.value.replace(/\s+/g, '-')
    return html`<details class="cb-category cb-category--${slug} js-category" data-category=${category.value}
        ?open=${this.opened.get(category.value)}
        @toggle=${(event) => this.opened.set(category.value, event.currentTarget.open)}>
      <summary class="cb-category__summary"><span class="cb-category__title">${category.title}</span><span
        class="cb-category__count"> (${plural(mine.length, 'statement')})</span></summary>
      <ul class="cb-statement-list">${repeat(mine, (s) => s.id, (s) => html`<li class="cb-statement" data-id=${s.id}>
        ${s.mine ? html`<p class="cb-card__tags"><span class="cb-tag">Yours</span></p>` : nothing}
        <p class="cb-statement__text js-statement-text">${s.text}</p>
        ${s.mine && s.hidden ? html`<p class="cb-card__note">Only the facilitator can see this for now.</p>` : nothing}
        ${this.readAloud?.button(s.text) ?? nothing}
      </li>`)}</ul>
    </details>`
  }
}
