// What the wall's views for the second day share: one section filling the
// screen below the header, a heading with a count, and few words, big.
// A view extends WallWork and implements `template(state)`; its lists are
// `data-page-list`s, so what does not fit pages (components/wall-pager.js).

import { html, nothing, render } from '../lit.js'

export class WallWork {
  constructor ($root) {
    this.$root = $root
  }

  get showsJoin () {
    return false
  }

  render (state) {
    render(html`<section class="cb-w2 js-day-two" data-stage=${state.stage} aria-label="Today's work">${this.template(state)}</section>`, this.$root)
  }

  template () {
    return nothing
  }

  heading (title, count = null) {
    return html`<h2 class="cb-w2__heading">${title}${count ? html`<span class="cb-w2__count">${count}</span>` : nothing}</h2>`
  }

  none (text) {
    return html`<p class="cb-w2__none">${text}</p>`
  }
}
