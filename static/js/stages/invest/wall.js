// Invest on the wall: the investment grid, drawn at the size of its box,
// with the same facts beside it as text, by quadrant.

import { WallWork } from '../../components/wall-work.js'
import { html, ref } from '../../lit.js'
import { InvestGrid } from './invest-grid-wall.js'

export class InvestWall extends WallWork {
  constructor ($root) {
    super($root)
    this.grid = null
  }

  template () {
    const made = ($box) => {
      if ($box && !this.grid) this.grid = new InvestGrid($box.querySelector('.js-grid-chart'), $box.querySelector('.js-grid-list'))
    }
    return html`${this.heading('Cost and benefit')}
      <div class="cb-w2-grid" ${ref(made)}>
        <div class="cb-w2-grid__chart js-grid-chart"></div>
        <div class="cb-w2-grid__list js-grid-list" data-page-list></div>
      </div>`
  }

  render (state) {
    super.render(state)
    this.grid.render(state)
  }
}
