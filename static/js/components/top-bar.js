// The console's top bar: one button per tool, each saying what matters at
// a glance (the time left, how many are here, what can be undone, the join
// code, whether the wall shows one thing) and opening its dialog.

import { Countdown } from '../countdown.js'
import { html, ref, render } from '../lit.js'
import { wallShowsWords } from './wall-panel.js'

export class TopBar {
  /**
   * @param {HTMLElement} $root  the bar's <nav>
   * @param {object} options  connection, tools (Tools)
   */
  constructor ($root, { connection, tools }) {
    this.$root = $root
    this.connection = connection
    this.tools = tools
    this.countdown = null
    this.presence = null
    this.undoable = 0
    this.state = null
  }

  setPresence (presence) {
    this.presence = presence
    this.refresh()
  }

  setUndoable (count) {
    this.undoable = count
    this.refresh()
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  render (state) {
    this.state = state
    this.$root.hidden = false
    const joined = state.participants?.count ?? 0
    const here = this.presence?.connected
    const tool = (name, label, content, extra = '') => html`<button type="button"
      class="cb-button cb-button--secondary cb-topbar__tool ${extra}" data-open=${name} aria-haspopup="dialog"
      @click=${() => this.tools.open(name)}>${content}${label ? html`<span class="cb-visually-hidden">${label}</span>` : ''}</button>`
    render(html`${tool('timer', '', html`<span class="cb-topbar__timer js-timer-chip" ${ref((el) => {
        if (el && !this.countdown) this.countdown = new Countdown(el, { now: () => this.connection.serverNow() })
      })}></span><span class="js-timer-none" ?hidden=${Boolean(state.timer)}>Timer</span>`, 'js-open-timer')}
      ${tool('people', '', html`People: ${joined}${here === undefined ? '' : html` <span class="cb-topbar__here">(${here} here)</span>`}<span class="cb-visually-hidden"> joined</span>`, 'js-open-people')}
      ${tool('undo', '', html`Undo${this.undoable ? ` (${this.undoable})` : ''}`, 'js-open-undo')}
      ${tool('invite', ': show the join code, link and QR code', html`Join code <span class="cb-code">${state.join_code}</span>`, 'js-open-invite')}
      ${tool('wall', state.wall?.show ? `: it shows ${wallShowsWords(state)}` : ': it follows the stage',
        html`Wall${state.wall?.show ? html` <span class="cb-topbar__here">(one thing)</span>` : ''}`, 'js-open-wall')}
      ${tool('links', '', 'Links', 'js-open-links')}
      ${tool('data', '', 'Data', 'js-open-data')}`, this.$root)
    this.countdown.render(state.timer)
  }
}
