// One thing the facilitator put on the wall (`state.wall.show`, from
// `show_on_wall`): a theme and all its cards, a theme's "why?" tree, the
// investment grid, or how to join, big. A vote put on the wall is drawn by
// the wall page itself, as its vote and results are. What does not fit
// pages (components/wall-pager.js).

import { cardsIn, themeById } from '../board-state.js'
import { plural } from '../dom.js'
import { html, nothing, render, repeat } from '../lit.js'
import { InvestWall } from '../stages/invest/wall.js'
import { UnderstandWall } from '../stages/understand/wall.js'
import { CATEGORIES } from '../words.js'
import { joinPanel, slug } from './wall-board.js'

/** One theme's tree, not every carried theme's. */
class OneTree extends UnderstandWall {
  constructor ($root, themeId) {
    super($root)
    this.themeId = themeId
  }

  themes (state) {
    return [themeById(state, this.themeId)].filter(Boolean)
  }
}

export class WallShown {
  /** @param {HTMLElement} $root  where the thing shown goes */
  constructor ($root) {
    this.$root = $root
    this.key = null
    this.view = null // a stage's wall view, for a tree or the grid
  }

  /** Whether `show` names something this board still has (else the wall follows the stage). */
  static showable (state, show) {
    if (!show) return false
    if (show.kind === 'theme' || show.kind === 'causes') return Boolean(themeById(state, show.id))
    return show.kind === 'grid' || show.kind === 'join'
  }

  render (state, show) {
    const key = `${show.kind}:${show.id ?? ''}`
    if (key !== this.key) {
      // Each thing draws with its own template into the same box: lit swaps them.
      this.key = key
      render(nothing, this.$root)
      this.view = null
      if (show.kind === 'causes') this.view = new OneTree(this.$root, show.id)
      if (show.kind === 'grid') this.view = new InvestWall(this.$root)
    }
    if (this.view) return this.view.render(state)
    if (show.kind === 'join') return render(html`<div class="cb-wall-shown cb-wall-shown--join">${joinPanel(state)}</div>`, this.$root)
    render(this.#theme(state, themeById(state, show.id)), this.$root)
  }

  clear () {
    if (this.key === null) return
    this.key = null
    this.view = null
    render(nothing, this.$root)
  }

  #theme (state, theme) {
    const category = CATEGORIES.find((c) => c.value === theme.category) ?? CATEGORIES[0]
    const cards = cardsIn(state, theme.category, theme.id)
    return html`<section class="cb-wall-shown cb-wall-shown--theme cb-category cb-category--${slug(category)}"
        data-theme=${theme.id} aria-labelledby="wall-shown-heading">
      <p class="cb-wall-shown__question">${category.title}</p>
      <h2 id="wall-shown-heading" class="cb-wall-shown__title">${theme.title}<span class="cb-w2__count">${plural(cards.length, 'card')}</span></h2>
      ${theme.i_statement ? html`<p class="cb-wall-shown__i">“${theme.i_statement}”</p>` : nothing}
      ${cards.length
        ? html`<ul class="cb-wall-shown__cards" data-page-list>${repeat(cards, (c) => c.id, (c) => html`<li
            class="cb-wall-shown__card" data-page-item data-key=${c.id}>${c.text}</li>`)}</ul>`
        : html`<p class="cb-w2__none">No cards in this theme yet.</p>`}
    </section>`
  }
}
