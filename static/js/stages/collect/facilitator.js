// Collect on the console: cards people write on their phones (kept hidden
// until shown, if the facilitator chooses), importing more statements, and
// every statement so far, by question.

import { CardsPanel } from '../../components/cards-panel.js'
import { html } from '../../lit.js'
import { PrepareConsole } from '../prepare/facilitator.js'

export class CollectConsole extends PrepareConsole {
  constructor ($root, context) {
    super($root, context)
    this.cards = new CardsPanel({ ...context, onChange: () => this.state && this.render(this.state) })
  }

  side (state) {
    return html`${this.cards.template(state)}${this.importer()}${this.join(state, { qr: false })}`
  }

  render (state) {
    this.state = state
    super.render(state)
  }
}
