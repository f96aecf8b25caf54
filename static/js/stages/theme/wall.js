// Theme on the wall: the themes of each question as clusters with their
// counts (or the statements, before there is a theme). While the room
// themes together on its phones, a line says how far it has got.

import { dealingProgress } from '../../board-state.js'
import { WallBoard } from '../../components/wall-board.js'
import { plural } from '../../dom.js'
import { html, nothing, render } from '../../lit.js'
import { CATEGORIES } from '../../words.js'

export class ThemeWall extends WallBoard {
  render (state) {
    this.state = state
    render(html`${this.#together(state)}${(state.themes ?? []).length ? this.themes(state) : this.columns(state, false)}`, this.$root)
  }

  #together (state) {
    if (!state.dealing?.active) return nothing
    const p = dealingProgress(state)
    const title = CATEGORIES.find((c) => c.value === state.dealing.category)?.short ?? state.dealing.category
    return html`<p class="cb-wall__dealing js-wall-dealing">Theming “${title}” together on your phones:
      <strong>${p.themed} of ${plural(p.total, 'card')} themed</strong></p>`
  }
}
