// The facilitator's stage bar: where the room is, every stage in order,
// and the way on (or back). Moving asks first, in words, in a dialog; going
// back loses nothing. The stage list comes from the server (stage-list.js).

import { html, nothing, render } from '../lit.js'
import { stageInfo } from '../stage-list.js'

export class StageBar {
  /**
   * @param {HTMLElement} $root  the bar's section
   * @param {object} options  connection, announce, dialog (ConfirmDialog)
   */
  constructor ($root, { connection, announce, dialog }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.dialog = dialog
    this.error = null
    this.state = null
  }

  render (state) {
    this.state = state
    const stages = this.connection.stages
    const now = stageInfo(stages, state.stage)
    const prev = stages[now.index - 1]
    const next = stages[now.index + 1]
    render(html`<h2 id="stage-heading">Stage</h2>
      <p class="cb-stagebar__now"><span class="js-stage-step">Stage ${now.number} of ${stages.length}:</span> <strong
        class="js-stage-title">${now.title}</strong></p>
      <p class="cb-hint js-stage-summary">${now.summary}</p>
      <p class="cb-stagebar__next js-stage-next-summary">${next ? `What comes next: ${next.title}. ${next.summary}` : 'This is the last stage.'}</p>
      <ol class="cb-stage-list js-stage-list" aria-label="All stages">${stages.map((s, i) => html`<li
        class="cb-stage-list__item ${i < now.index ? 'cb-stage-list__item--done' : ''} ${i === now.index ? 'cb-stage-list__item--current' : ''}"
        aria-current=${i === now.index ? 'step' : nothing}>${s.title}${i === now.index
          ? html`<span class="cb-visually-hidden"> (now)</span>` : nothing}</li>`)}</ol>
      <div class="cb-button-group">
        ${prev ? html`<button type="button" class="cb-button cb-button--secondary js-stage-prev"
          @click=${() => this.ask(prev, false)}>← Back to ${prev.title}</button>` : nothing}
        ${next ? html`<button type="button" class="cb-button js-stage-next"
          @click=${() => this.ask(next, true)}>Move on to ${next.title} →</button>` : nothing}
      </div>
      <p class="cb-error-message js-stage-error" ?hidden=${!this.error}>${this.error ?? ''}</p>`, this.$root)
  }

  async ask (target, forward) {
    const yes = await this.dialog.ask({
      title: forward ? `Move everyone on to ${target.title}?` : `Go back to ${target.title}?`,
      body: html`<p>${target.summary}</p><p class="cb-hint">Every phone and the wall will change straight away.${forward
        ? '' : ' Going back loses nothing.'}</p>`,
      yes: forward ? `Yes, move on to ${target.title}` : `Yes, go back to ${target.title}`,
      yesClass: 'js-stage-yes',
      noClass: 'js-stage-cancel'
    })
    if (yes) await this.move(target)
  }

  async move (target) {
    this.error = null
    try {
      await this.connection.send({ type: 'set_stage', stage: target.stage })
      this.announce(`The board is now at ${target.title}.`)
    } catch (err) {
      // The connection announced it too; this keeps it by the buttons.
      this.error = err?.message ?? 'The stage did not change.'
    }
    if (this.state) this.render(this.state)
  }
}
