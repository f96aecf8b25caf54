// Understand on the wall: the "why?" trees growing under each theme taken
// forward, a column each, chosen root causes marked in words. Each tree is
// one list of its causes in reading order, indented by depth, so a tall
// tree pages (components/wall-pager.js).

import { themeById } from '../../board-state.js'
import { WallWork } from '../../components/wall-work.js'
import { causeTree } from '../../day-two-words.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'

export class UnderstandWall extends WallWork {
  /** The themes whose trees it shows: those taken forward. */
  themes (state) {
    return (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean)
  }

  template (state) {
    const themes = this.themes(state)
    const reasons = (state.causes ?? []).filter((c) => themes.some((t) => t.id === c.theme_id)).length
    return html`${this.heading('Why does this happen?', plural(reasons, 'reason'))}
      ${themes.length
        ? html`<div class="cb-w2__columns cb-w2__columns--${Math.min(themes.length, 4)}">${repeat(themes, (t) => t.id, (theme) => {
          const tree = causeTree(state.causes, theme.id)
          return html`<section class="cb-w2__column cb-w2-why" data-theme=${theme.id}>
            <h3 class="cb-w2__i">${theme.i_statement ? `“${theme.i_statement}”` : theme.title}</h3>
            ${tree.length
              ? html`<ul class="cb-w2-tree" data-page-list>${this.#causes(flatten(tree))}</ul>`
              : this.none('No reasons yet. Add one on your phone.')}
          </section>`
        })}</div>`
        : this.none('Nothing has been taken forward yet.')}`
  }

  #causes (rows) {
    return repeat(rows, (r) => r.cause.id, ({ cause, depth }) => html`<li
        class="cb-w2-tree__item cb-w2-tree__item--depth-${Math.min(depth, 4)} ${cause.chosen ? 'cb-w2-tree__item--chosen' : ''}"
        data-cause=${cause.id} data-depth=${depth} data-page-item data-key=${cause.id}>
      <p class="cb-w2-tree__text">${depth ? html`<span class="cb-w2-tree__why">why? → </span>` : nothing}${cause.chosen
        ? html`<strong class="cb-w2__tag">✓ Chosen</strong> ` : nothing}${cause.text}</p>
    </li>`)
  }
}

/** A tree as rows in reading order, each with its depth (0: a first reason). */
function flatten (nodes, depth = 0) {
  return nodes.flatMap(({ cause, children }) => [{ cause, depth }, ...flatten(children, depth + 1)])
}
