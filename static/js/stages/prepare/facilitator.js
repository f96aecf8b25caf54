// Get ready on the console: how people join (the code, the link, the QR
// code, big), the statements to import, and what the board holds so far.

import { joinUrl, qrUrl } from '../../api.js'
import { Importer } from '../../components/importer.js'
import { statementColumns } from '../../components/statement-columns.js'
import { html, nothing, ref, render } from '../../lit.js'
import { allowed } from '../../policy.js'
import { dateWords } from '../../report-words.js'

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

  /** The day or days of the workshop, for the report: one date field each, up to four. */
  days (state) {
    if (!allowed(this.connection, 'set_workshop_days', state)) return nothing
    const days = state.workshop_days ?? []
    const fields = Math.min(4, Math.max(2, days.length + 1))
    const save = async (event) => {
      event.preventDefault()
      const chosen = [...event.currentTarget.querySelectorAll('input[type="date"]')].map(($i) => $i.value).filter(Boolean)
      this.error = null
      try {
        await this.connection.send({ type: 'set_workshop_days', days: chosen })
        this.announce(chosen.length ? `Workshop days saved: ${chosen.map(dateWords).join(' and ')}.` : 'Workshop days taken off.')
      } catch (err) {
        this.error = err?.message ?? 'The days were not saved.'
      }
      this.render(state)
    }
    return html`<form class="cb-days-form" data-form="workshop-days" novalidate aria-labelledby="days-heading" @submit=${save}>
      <h3 id="days-heading" class="cb-days-form__title">Workshop days</h3>
      ${Array.from({ length: fields }, (_, i) => html`<div class="cb-days-form__day">
        <label class="cb-label" for="workshop-day-${i}">${i === 0 ? 'First day' : `Day ${i + 1}`}</label>
        <input class="cb-input cb-input--date" id="workshop-day-${i}" type="date" .value=${days[i] ?? ''}>
      </div>`)}
      <button type="submit" class="cb-button cb-button--secondary cb-button--small">Save the days</button>
      <p class="cb-hint cb-days-form__now js-days-now">${days.length ? `On the report: ${days.map(dateWords).join(' and ')}.` : 'Not set yet: the report shows them.'}</p>
      <p class="cb-error-message" ?hidden=${!this.error}>${this.error ?? ''}</p>
    </form>`
  }

  /** The column beside what people said: how to join, then importing. */
  side (state) {
    return html`${this.join(state)}${this.importer()}`
  }

  render (state) {
    render(html`<div class="cb-stage-layout cb-stage-layout--day-one">
      <div class="cb-stage-layout__side cb-scroll">${this.side(state)}</div>
      <section class="cb-region cb-region--fill" aria-labelledby="said-heading">
        ${this.days(state)}
        <h2 id="said-heading">What people said <span class="cb-category__count">(${state.statements.length} statements)</span></h2>
        ${state.statements.length ? statementColumns(state) : html`<p class="cb-hint js-statements-empty">No statements yet. Import a CSV file of review statements.</p>`}
      </section>
    </div>`, this.$root)
  }
}
