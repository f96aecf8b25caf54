// Get ready on the wall: how to join, big, beside the first statements.

import { WallBoard } from '../../components/wall-board.js'
import { html, render } from '../../lit.js'

export class PrepareWall extends WallBoard {
  get showsJoin () {
    return true
  }

  render (state) {
    this.state = state
    render(html`${this.join(state)}${this.columns(state, true)}`, this.$root)
  }
}
