// Get ready on the console: how people join (the code, the link, the QR
// code, big), the statements to import, and what the board holds so far.

import { joinUrl, qrUrl } from '../../api.js'
import { Importer } from '../../components/importer.js'
import { statementColumns } from '../../components/statement-columns.js'
import { html, nothing, ref, render } from '../../lit.js'

export class PrepareConsole {
  /**
   * @param {HTMLElement} $root  where the view draws
   * @param {object} context  boardId, token, announce
   */
  constructor ($root, { boardId, token, announce, connection }) {
    this.$root = $root
    this.connection = connection
    this.boardId = boardId
    this.token = token
    this.announce = announce
    this.importing = null
  }

  /** How people join: the code, the link, and (`qr`) the QR code. */
  join (state, { qr = true } = {}) {
    const link = joinUrl(state.join_code)
    return html`<section class="cb-region cb-join" aria-labelledby="join-heading">
      <h2 id="join-heading">How people join</h2>
      <p class="cb-join__code"><span class="cb-invite__label">Join code</span> <span class="cb-code">${state.join_code}</span></p>
      <p class="cb-invite__link">Or go to <a href=${link}>${link}</a></p>
      ${qr ? html`<img class="cb-join__qr" src=${qrUrl(state.join_code)} alt="QR code for the join link" width="180" height="180">` : nothing}
      <p class="cb-hint">Put the wall display up (“Links” at the top) so the room sees this too.</p>
    </section>`
  }

  importer () {
    return html`<section class="cb-region" aria-labelledby="import-main-heading" ${ref((el) => {
      if (el && !this.importing) this.importing = new Importer(el, { boardId: this.boardId, token: this.token, announce: this.announce, idPrefix: 'import-main', connection: this.connection })
    })}></section>`
  }

  /** The column beside what people said: how to join, then importing. */
  side (state) {
    return html`${this.join(state)}${this.importer()}`
  }

  render (state) {
    render(html`<div class="cb-stage-layout cb-stage-layout--day-one">
      <div class="cb-stage-layout__side cb-scroll">${this.side(state)}</div>
      <section class="cb-region cb-region--fill" aria-labelledby="said-heading">
        <h2 id="said-heading">What people said <span class="cb-category__count">(${state.statements.length} statements)</span></h2>
        ${state.statements.length ? statementColumns(state) : html`<p class="cb-hint js-statements-empty">No statements yet. Import a CSV file of review statements.</p>`}
      </section>
    </div>`, this.$root)
  }
}
