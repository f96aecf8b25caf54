// Ideas on the wall: what is already in place, then each kind of idea,
// the shortlisted ones first and marked in words.

import { WallWork } from '../../components/wall-work.js'
import { IDEA_KINDS, IN_PLACE } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'

export class IdeasWall extends WallWork {
  template (state) {
    const ideas = state.ideas ?? []
    const shortlisted = ideas.filter((i) => i.shortlisted).length
    return html`${this.heading('Ideas', shortlisted ? `${shortlisted} shortlisted` : null)}
      <div class="cb-w2__columns cb-w2__columns--4">${[IN_PLACE, ...IDEA_KINDS].map((kind) => {
        const mine = ideas.filter((i) => i.kind === kind.value).sort((a, b) => Number(b.shortlisted) - Number(a.shortlisted))
        return html`<section class="cb-w2__column ${kind === IN_PLACE ? 'cb-w2__column--in-place' : ''}" data-kind=${kind.value}>
          <h3 class="cb-w2__column-title"><span>${kind.title}</span><span class="cb-w2__count">${mine.length}</span></h3>
          <p class="cb-w2__hint">${kind.hint}</p>
          ${mine.length
            ? html`<ul class="cb-w2__list" data-page-list>${repeat(mine, (i) => i.id, (idea) => html`<li
                class=${idea.shortlisted ? 'cb-w2__idea--shortlisted' : ''} data-idea=${idea.id} data-page-item data-key=${idea.id}>${idea.shortlisted
                ? html`<strong class="cb-w2__tag">★ Shortlisted</strong> ` : nothing}${idea.text}</li>`)}</ul>`
            : this.none('None yet.')}
        </section>`
      })}</div>`
  }
}
