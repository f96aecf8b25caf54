// What people said, on the console: one column per question with its
// count, each scrolling on its own; cards written on phones are marked, and
// cards kept hidden say so.

import { html, nothing, repeat } from '../lit.js'
import { CATEGORIES } from '../words.js'

export function statementColumns (state) {
  return html`<div class="cb-statement-columns">${CATEGORIES.map((category) => {
    const mine = state.statements.filter((s) => s.category === category.value)
    const slug = category.value.replace(/\s+/g, '-')
    return html`<section class="cb-statement-column cb-category cb-category--${slug}" aria-labelledby="said-${slug}">
      <h3 class="cb-statement-column__title" id="said-${slug}">${category.title} <span class="cb-category__count">(${mine.length})</span></h3>
      ${mine.length
        ? html`<ul class="cb-statement-column__list cb-scroll" tabindex="0" aria-labelledby="said-${slug}">${repeat(mine, (s) => s.id, (s) => html`<li class="cb-said" data-id=${s.id}>
            <span class="cb-said__text">${s.text}</span>
            <span class="cb-said__meta">${s.review ?? ''}${s.source === 'participant' ? ' · written on a phone' : ''}${s.hidden
              ? html` <span class="cb-tag">Hidden</span>` : nothing}</span>
          </li>`)}</ul>`
        : html`<p class="cb-hint">None yet.</p>`}
    </section>`
  })}</div>`
}
