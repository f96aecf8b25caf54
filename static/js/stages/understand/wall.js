// Understand on the wall: the "why?" trees growing under each theme taken
// forward (the first three), chosen root causes marked in words. A tree too
// long for its column shows what fits, in order, and says how many more
// there are: it is never cut off without a word.

import { themeById } from '../../board-state.js'
import { WallWork } from '../../components/wall-work.js'
import { causeTree } from '../../day-two-words.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'

/** The first `budget` causes of a tree, depth first (a cause kept keeps the one above it). */
function pruned (nodes, budget) {
  const kept = []
  let left = budget
  for (const { cause, children } of nodes) {
    if (left <= 0) break
    left -= 1
    const deeper = pruned(children, left)
    left = deeper.left
    kept.push({ cause, children: deeper.kept })
  }
  return { kept, left }
}

function size (nodes) {
  return nodes.reduce((n, node) => n + 1 + size(node.children), 0)
}

export class UnderstandWall extends WallWork {
  constructor ($root) {
    super($root)
    this.fits = new Map() // theme id -> how many of its causes fit in its column
  }

  render (state) {
    this.fits = new Map()
    super.render(state)
    // Measured once drawn in full: what overflows its column is left for "and N more".
    for (const $column of this.$root.querySelectorAll('.cb-w2-why')) {
      const bottom = $column.getBoundingClientRect().bottom
      const spare = parseFloat(getComputedStyle($column).fontSize) * 2.2 // the "and N more" line
      const texts = [...$column.querySelectorAll('.cb-w2-tree__text')]
      const over = texts.findIndex(($text) => $text.getBoundingClientRect().bottom > bottom - spare)
      const last = texts.at(-1)?.getBoundingClientRect().bottom ?? 0
      if (over >= 0 && last > bottom) this.fits.set($column.dataset.theme, Math.max(1, over))
    }
    if (this.fits.size) super.render(state)
  }

  template (state) {
    const themes = (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean).slice(0, 3)
    return html`${this.heading('Why does this happen?', plural((state.causes ?? []).length, 'reason'))}
      ${themes.length
        ? html`<div class="cb-w2__columns cb-w2__columns--${themes.length}">${repeat(themes, (t) => t.id, (theme) => {
          const tree = causeTree(state.causes, theme.id)
          const total = size(tree)
          const fit = this.fits.get(theme.id) ?? total
          const shown = fit < total ? pruned(tree, fit).kept : tree
          return html`<section class="cb-w2__column cb-w2-why" data-theme=${theme.id}>
            <h3 class="cb-w2__i">${theme.i_statement ? `“${theme.i_statement}”` : theme.title}</h3>
            ${tree.length
              ? html`<ul class="cb-w2-tree">${this.#causes(shown)}</ul>`
              : this.none('No reasons yet. Add one on your phone.')}
            ${fit < total ? html`<p class="cb-w2__more js-more">and ${plural(total - fit, 'more reason')}</p>` : nothing}
          </section>`
        })}</div>`
        : this.none('Nothing has been taken forward yet.')}`
  }

  #causes (nodes) {
    return repeat(nodes, (n) => n.cause.id, ({ cause, children }) => html`<li
        class="cb-w2-tree__item ${cause.chosen ? 'cb-w2-tree__item--chosen' : ''}" data-cause=${cause.id}>
      <p class="cb-w2-tree__text">${cause.chosen ? html`<strong class="cb-w2__tag">✓ Chosen</strong> ` : nothing}${cause.text}</p>
      ${children.length ? html`<ul class="cb-w2-tree cb-w2-tree--deeper">${this.#causes(children)}</ul>` : nothing}
    </li>`)
  }
}
