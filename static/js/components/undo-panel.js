// "Recent changes you can undo": the undoable events this page has seen
// this session (a stage change, a theme merged or deleted, results shown,
// causes merged, something deleted), and those the server still offers from
// before the page opened (`undoable`), minus those already undone. "Undo…"
// first asks the server what the undo would change (`preview_undo`) and
// shows it in a confirmation dialog; only "Undo it" sends the `undo` command.

import { html, render } from '../lit.js'
import { stageInfo } from '../stage-list.js'

const UNDOABLE = new Set(['stage_set', 'theme_merged', 'theme_deleted', 'round_revealed', 'causes_merged', 'item_deleted'])
const KEEP = 8
const PREVIEW_TIMEOUT_MS = 10000

// An `item_deleted` event's `kind`: the board's list it was in, and what to call it.
const KINDS = { cause: ['causes', 'cause'], success: ['successes', 'success statement'], idea: ['ideas', 'idea'], action: ['actions', 'action'] }

function quote (text) {
  const clean = String(text ?? '').replace(/\s+/g, ' ').trim()
  return `“${clean.length > 60 ? `${clean.slice(0, 59)}…` : clean}”`
}

/** In words, what an event did; `before` is the board before it, `stages` the stage list. */
export function describeEvent (event, before, stages) {
  const theme = (id) => (before?.themes ?? []).find((t) => t.id === id)
  switch (event.type) {
    case 'stage_set':
      return `Moved the room to ${stageInfo(stages, event.stage).title}`
    case 'theme_merged':
      return `Merged the theme ${quote(theme(event.theme_id)?.title ?? 'a theme')} into ${quote(theme(event.into_id)?.title ?? 'another')}`
    case 'theme_deleted':
      return `Deleted the theme ${quote(theme(event.theme_id)?.title ?? '')}`
    case 'round_revealed':
      return `Showed the results of ${quote(event.round?.title || 'the dot vote')}`
    case 'causes_merged': {
      const gone = (before?.causes ?? []).find((c) => c.id === event.cause_id)
      return gone ? `Merged the cause ${quote(gone.text)} into another` : 'Merged two causes'
    }
    case 'item_deleted': {
      const [list, noun] = KINDS[event.kind] ?? []
      const gone = list && (before?.[list] ?? []).find((x) => x.id === event.item_id)
      return gone ? `Deleted the ${noun} ${quote(gone.text)}` : 'Deleted an item'
    }
    default:
      return event.type
  }
}

export class UndoPanel {
  /**
   * @param {HTMLElement} $root  where the list goes
   * @param {object} options  connection, announce, dialog (ConfirmDialog), onCount(n)
   */
  constructor ($root, { connection, announce, dialog, onCount = () => {} }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.dialog = dialog
    this.onCount = onCount
    this.changes = [] // {seq, text}, oldest first
    this.afterUndone = false
    this.error = null
    this.state = null
  }

  /**
   * Ask the server for the slips that can still be undone, so a console
   * opened (or reloaded) after them still offers them. Once per page.
   */
  seed () {
    if (this.seeded) return
    const socket = this.connection.socket
    if (!socket?.connected) return
    this.seeded = true
    socket.timeout(PREVIEW_TIMEOUT_MS).emit('undoable', {}, (err, ack) => {
      if (err || !ack?.ok) {
        this.seeded = false // try again on the next state
        return
      }
      const known = new Set(this.changes.map((c) => c.seq))
      const older = (ack.changes ?? []).filter((c) => !known.has(c.seq))
        .map((c) => ({ seq: c.seq, text: c.description })).reverse()
      this.changes = [...older, ...this.changes].sort((a, b) => a.seq - b.seq)
      if (this.state) this.render(this.state)
    })
  }

  /** Take the events a state change applied; `before` is the state before them. */
  take (events, before) {
    for (const event of events ?? []) {
      // The event straight after an `undone` is the reversal: not a slip of its own.
      if (event.type === 'undone') {
        this.afterUndone = true
        continue
      }
      const reversal = this.afterUndone
      this.afterUndone = false
      if (reversal || !UNDOABLE.has(event.type)) continue
      this.changes.push({ seq: event.seq, text: describeEvent(event, before, this.connection.stages) })
    }
    if (this.changes.length > 50) this.changes = this.changes.slice(-50)
  }

  render (state) {
    this.state = state
    const undone = new Set(state.undone ?? [])
    const shown = this.changes.filter((c) => !undone.has(c.seq)).slice(-KEEP).reverse()
    this.onCount(shown.length)
    render(html`<p class="cb-hint js-undo-empty" ?hidden=${shown.length > 0}>Nothing yet. Stage changes, merges, deletes and shown results appear here as you make them.</p>
      <ul class="cb-undo__list js-undo-list">${shown.map((c) => html`<li class="cb-undo__item" data-seq=${c.seq}>
        <span class="cb-undo__text">${c.text}</span>
        <button type="button" class="cb-button cb-button--secondary cb-button--small" @click=${() => this.ask(c)}>Undo…<span
          class="cb-visually-hidden"> ${c.text}</span></button>
      </li>`)}</ul>
      <p class="cb-error-message js-undo-error" ?hidden=${!this.error}>${this.error ?? ''}</p>`, this.$root)
  }

  #preview (seq) {
    const socket = this.connection.socket
    return new Promise((resolve, reject) => {
      if (!socket?.connected) return reject(new Error('Not connected. Try again in a moment.'))
      socket.timeout(PREVIEW_TIMEOUT_MS).emit('preview_undo', { seq }, (err, ack) => {
        if (err) return reject(new Error('The server did not answer. Try again.'))
        if (!ack?.ok) return reject(new Error(ack?.error?.message ?? 'That cannot be undone.'))
        resolve(ack.description)
      })
    })
  }

  async ask (change) {
    this.error = null
    let description
    try {
      description = await this.#preview(change.seq)
    } catch (err) {
      this.error = err.message
      this.announce(err.message)
      return this.render(this.state)
    }
    const yes = await this.dialog.ask({
      title: 'Undo this?',
      body: html`<p class="js-undo-description">${description}</p>`,
      yes: 'Undo it',
      no: 'Keep it',
      yesClass: 'js-undo-yes'
    })
    if (!yes) return
    try {
      await this.connection.send({ type: 'undo', seq: change.seq })
      this.announce(`Undone. ${description}`)
    } catch (err) {
      this.error = err?.message ?? 'That could not be undone.'
      this.render(this.state)
    }
  }
}
