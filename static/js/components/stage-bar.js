// The facilitator's stage bar: all the stages in order, the room's stage
// marked, finished ones ticked; any stage can be clicked. Moving asks first,
// in words, in a dialog (going back loses nothing), and "Move on" goes one
// step. The stage list comes from the server (stage-list.js).

import { html, nothing, render } from '../lit.js'
import { stageInfo } from '../stage-list.js'

export class StageBar {
  /**
   * @param {HTMLElement} $root  the bar's <nav>
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
    this.$root.hidden = false
    const stages = this.connection.stages
    const now = stageInfo(stages, state.stage)
    const next = stages[now.index + 1]
    render(html`<ol class="cb-stagebar__list">${stages.map((s, i) => {
        const done = i < now.index
        const current = i === now.index
        return html`<li class="cb-stagebar__item">
          <button type="button" class="cb-stagebar__stage ${done ? 'cb-stagebar__stage--done' : ''} ${current ? 'cb-stagebar__stage--current' : ''}"
            aria-current=${current ? 'step' : nothing} title=${s.summary}
            @click=${() => (current ? null : this.ask(s, i > now.index))}><span class="cb-stagebar__number" aria-hidden="true">${done
              ? '✓' : i + 1}</span> ${s.title}<span class="cb-visually-hidden">${done ? ' (done)' : current ? ' (now)' : ''}</span></button>
        </li>`
      })}</ol>
      <p class="cb-stagebar__now"><span class="js-stage-step">Stage ${now.number} of ${stages.length}:</span> <strong
        class="js-stage-title">${now.title}</strong><span class="cb-stagebar__summary js-stage-summary"> — ${now.summary}</span></p>
      ${next
        ? html`<button type="button" class="cb-button cb-stagebar__next js-stage-next" @click=${() => this.ask(next, true)}>Move on<span
            class="cb-stagebar__next-name"> to ${next.title}</span> →</button>`
        : nothing}
      <p class="cb-error-message js-stage-error" role="alert" ?hidden=${!this.error}>${this.error ?? ''}</p>`, this.$root)
  }

  async ask (target, forward) {
    const yes = await this.dialog.ask({
      title: forward ? `Move everyone on to ${target.title}?` : `Go back to ${target.title}?`,
      body: html`<p><strong>${target.title}:</strong> ${target.summary}</p>
        <p>Every phone and the wall will change straight away.${forward
          ? '' : ' Going back loses nothing: what the room did since stays on the board.'}</p>`,
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
      // The connection announced it too; this keeps it by the bar.
      this.error = err?.message ?? 'The stage did not change.'
    }
    if (this.state) this.render(this.state)
  }
}
