// "Recent changes you can undo": the undoable events this page has seen
// this session (the kinds the join ack lists in `undoable`, when a
// facilitator made them), and those the server still offers from
// before the page opened (`undoable`), minus those already undone. "Undo…"
// first asks the server what the undo would change (`preview_undo`) and
// shows it in a confirmation dialog; only "Undo it" sends the `undo` command.

import { html, render } from '../lit.js'
import { stageInfo } from '../stage-list.js'

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
      return describeChange(event, before)
  }
}

// The everyday changes, in words.
function describeChange (event, before) {
  const theme = (id) => (before?.themes ?? []).find((t) => t.id === id)
  const where = (id) => (id ? quote(theme(id)?.title ?? 'a theme') : 'the unthemed cards')
  const card = (id) => (before?.statements ?? []).find((s) => s.id === id)
  const named = (list, id) => (before?.[list] ?? []).find((x) => x.id === id)
  switch (event.type) {
    case 'board_updated': return `Renamed the board ${quote(event.title)}`
    case 'theming_mode_set': return event.mode === 'everyone' ? 'Let everyone move cards' : 'Let only facilitators move cards'
    case 'card_visibility_set': return event.hide_new ? 'Kept new cards back' : 'Showed new cards at once'
    case 'theme_created': return `Made the theme ${quote(event.theme?.title)}`
    case 'theme_updated': return `Changed the theme ${quote(event.theme?.title)}`
    case 'statement_moved': return `Moved ${quote(card(event.statement_id)?.text ?? 'a card')} to ${where(event.theme_id)}`
    case 'statements_moved': return `Moved ${event.statement_ids?.length ?? 0} cards to ${where(event.theme_id)}`
    case 'items_carried_forward': return 'Chose what to carry forward'
    case 'round_closed': return `Closed the vote ${quote(event.round?.title || 'the dot vote')}`
    case 'suggestion_settled': return event.accepted ? 'Accepted a suggested move' : 'Dismissed a suggested move'
    case 'cause_added': return `Added the cause ${quote(event.cause?.text)}`
    case 'success_added': return `Added the success statement ${quote(event.success?.text)}`
    case 'idea_added': return `Added the idea ${quote(event.idea?.text)}`
    case 'action_saved': return `${named('actions', event.action?.id) ? 'Changed' : 'Added'} the action ${quote(event.action?.text)}`
    case 'text_edited': return `Reworded ${quote(event.text)}`
    case 'causes_chosen': return 'Chose the root causes'
    case 'ideas_shortlisted': return 'Saved the shortlist'
    case 'idea_linked': return `Linked the idea ${quote(event.idea?.text)}`
    case 'idea_placed': return `Placed ${quote(named('ideas', event.idea_id)?.text ?? 'an idea')} on the grid`
    case 'grid_view_shown': return event.shown ? 'Showed the room’s view of the grid' : 'Hid the room’s view of the grid'
    case 'workshop_days_set': return 'Set the workshop days'
    default: return event.type
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
    const undoable = this.connection.undoable ?? new Set()
    for (const event of events ?? []) {
      // The events after an `undone`, in its batch, are the reversal: not slips of their own.
      if (event.type === 'undone') {
        this.afterUndone = true
        continue
      }
      if (this.afterUndone) continue
      // A card a participant moved, a cause a phone added: theirs, not the facilitator's to undo.
      if (!undoable.has(event.type) || event.by_facilitator === false) continue
      this.changes.push({ seq: event.seq, text: describeEvent(event, before, this.connection.stages) })
    }
    // An undo's events come in one batch: the next batch is something new.
    if ((events ?? []).length) this.afterUndone = (events.at(-1)?.type === 'undone')
    if (this.changes.length > 50) this.changes = this.changes.slice(-50)
  }

  render (state) {
    this.state = state
    const undone = new Set(state.undone ?? [])
    const shown = this.changes.filter((c) => !undone.has(c.seq)).slice(-KEEP).reverse()
    this.onCount(shown.length)
    render(html`<p class="cb-hint js-undo-empty" ?hidden=${shown.length > 0}>Nothing yet. What you change appears here as you make it.</p>
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
