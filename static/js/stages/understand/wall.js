// Understand on the wall: the "why?" trees growing under each theme taken
// forward (the first three), chosen root causes marked in words.

import { themeById } from '../../board-state.js'
import { WallWork } from '../../components/wall-work.js'
import { causeTree } from '../../day-two-words.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'

export class UnderstandWall extends WallWork {
  template (state) {
    const themes = (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean).slice(0, 3)
    return html`${this.heading('Why does this happen?', plural((state.causes ?? []).length, 'reason'))}
      ${themes.length
        ? html`<div class="cb-w2__columns cb-w2__columns--${themes.length}">${repeat(themes, (t) => t.id, (theme) => {
          const tree = causeTree(state.causes, theme.id)
          return html`<section class="cb-w2__column cb-w2-why" data-theme=${theme.id}>
            <h3 class="cb-w2__i">${theme.i_statement ? `“${theme.i_statement}”` : theme.title}</h3>
            ${tree.length
              ? html`<ul class="cb-w2-tree">${this.#causes(tree)}</ul>`
              : this.none('No reasons yet. Add one on your phone.')}
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
