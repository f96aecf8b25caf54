// Theme on the wall: the themes of each question as clusters with their
// counts (or the statements, before there is a theme).

import { WallBoard } from '../../components/wall-board.js'
import { render } from '../../lit.js'

export class ThemeWall extends WallBoard {
  render (state) {
    this.state = state
    render((state.themes ?? []).length ? this.themes(state) : this.columns(state, false), this.$root)
  }
}
