// Prioritise on the wall: what the room took forward once it has chosen;
// until then the themes (the vote and its results take the screen while
// they are on).

import { ThemeWall } from '../theme/wall.js'
import { render } from '../../lit.js'

export class PrioritiseWall extends ThemeWall {
  render (state) {
    this.state = state
    if ((state.carried ?? []).length) render(this.carried(state), this.$root)
    else super.render(state)
  }
}
