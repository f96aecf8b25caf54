// The first day's view on a phone before and after theming: what the room
// took forward (if anything), then "What people said", by question.

import { html, ref, render } from '../lit.js'
import { CarriedList } from './carried-list.js'
import { StatementList } from './statement-list.js'

export class PhoneStatements {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  readAloud
   */
  constructor ($root, { readAloud }) {
    this.$root = $root
    this.carried = new CarriedList({ readAloud })
    this.readAloud = readAloud
    this.list = null
  }

  /** What comes before the statements (a stage's own work); nothing by default. */
  before () {
    return html``
  }

  render (state) {
    render(html`${this.before(state)}
      ${this.carried.template(state)}
      <section class="cb-statements js-statements" aria-labelledby="statements-heading">
        <h2 id="statements-heading">What people said</h2>
        <p class="cb-hint js-statements-empty" ?hidden=${state.statements.length > 0}>There is nothing here yet.</p>
        <div class="js-categories" ${ref((el) => { if (el && !this.list) this.list = new StatementList(el, { readAloud: this.readAloud }) })}></div>
      </section>`, this.$root)
    this.list.render(state.statements)
  }
}
