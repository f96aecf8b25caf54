// The facilitator console: a working surface. A compact top bar of tools
// (timer, people, undo, invite, wall, links, data), each in a dialog; the stage
// bar, where any stage can be chosen; and the room's stage from STAGE_VIEWS
// (stages/<stage>/facilitator.js) filling the rest of the screen.

import { boardIdFromPath, fragmentParams, joinUrl, qrUrl } from '../api.js'
import { boot } from '../boot.js'
import { DataPanel } from '../components/data-panel.js'
import { ConfirmDialog } from '../components/dialog.js'
import { Importer } from '../components/importer.js'
import { LinksPanel } from '../components/links-panel.js'
import { PeoplePanel } from '../components/people-panel.js'
import { PersonLink } from '../components/person-link.js'
import { StageBar } from '../components/stage-bar.js'
import { TimerControls } from '../components/timer-controls.js'
import { Tools } from '../components/tools.js'
import { TopBar } from '../components/top-bar.js'
import { UndoPanel } from '../components/undo-panel.js'
import { VoteConsole } from '../components/vote-console.js'
import { WallPanel, showButton } from '../components/wall-panel.js'
import { plural } from '../dom.js'
import { render } from '../lit.js'
import { MovingFlags } from '../moving-flags.js'
import { applySettings } from '../settings.js'
import { StageViews } from '../stages/index.js'

applySettings()
const $ = (selector) => document.querySelector(selector)

function renderInvite (state, boardId) {
  $('.js-join-code').textContent = state.join_code
  const link = joinUrl(state.join_code)
  const $link = $('.js-join-link')
  $link.href = link
  $link.textContent = link
  const $qr = $('.js-qr')
  if (!$qr.getAttribute('src')) $qr.src = qrUrl(state.join_code)
}

function fatal (message) {
  $('.js-loading').hidden = true
  $('.js-workshop-heading').hidden = true
  $('.js-board').hidden = true
  $('.js-fatal').hidden = false
  if (message) $('.js-fatal-message').textContent = message
}

/** The board was deleted (here or on another screen): say so across the page. */
function boardDeleted (message, deletedHere, announce) {
  $('.js-loading').hidden = true
  for (const $el of document.querySelectorAll('.js-tools, .js-stagebar')) $el.hidden = true
  if (deletedHere) {
    // The data dialog already says "Deleted." where the facilitator is looking.
    $('.js-board').hidden = true
    return
  }
  for (const $dialog of document.querySelectorAll('dialog[open]')) $dialog.close()
  $('.js-board').hidden = true
  $('.js-fatal').hidden = true
  $('.js-workshop-heading').hidden = true
  if (message) $('.js-deleted-message').textContent = message
  $('.js-deleted-page').hidden = false
  $('.js-deleted-page').focus()
  document.title = 'Board deleted – changeboard'
  announce('This board has been deleted.')
}

function main () {
  const boardId = boardIdFromPath()
  const token = fragmentParams().get('t')
  if (!boardId || !token) return fatal('This address has no facilitator key in it. Use the full facilitator link.')
  let dataPanel = null
  let gone = false
  const { connection, announce, start } = boot({
    token,
    outboxKey: `changeboard:outbox:facilitator:${boardId}`,
    noun: 'changes',
    clearAfter: 8000,
    onFatal: (error) => fatal(error?.message),
    onDeleted: (data) => {
      gone = true
      boardDeleted(data.message, dataPanel?.deleted, announce)
    }
  })
  const tools = new Tools()
  const context = {
    connection, announce, boardId, token, tools,
    dialog: new ConfirmDialog($('.js-confirm')),
    flags: new MovingFlags(connection)
  }
  const $vote = document.createElement('div')
  $vote.className = 'cb-vote-root'
  $('.js-vote-home').append($vote)
  context.vote = new VoteConsole($vote, context)
  const topBar = new TopBar($('.js-tools'), context)
  const stageBar = new StageBar($('.js-stagebar'), context)
  const timer = new TimerControls($('.js-timer-section'), context)
  const people = new PeoplePanel($('.js-people'), {
    ...context, $recorder: $('.js-recorder-dialog'), link: new PersonLink($('.js-person-link-dialog'), context)
  })
  context.people = people
  const undo = new UndoPanel($('.js-undo'), { ...context, onCount: (n) => topBar.setUndoable(n) })
  const stages = new StageViews($('.js-stage-views'), 'facilitator', context)
  const wallPanel = new WallPanel($('.js-wall-panel'), context)
  new Importer($('.js-data-import'), { boardId, token, announce, idPrefix: 'import-data', connection })
  new LinksPanel($('.js-links'), { boardId, token, announce })

  let previous = null
  connection.addEventListener('state', ({ detail: { state, events } }) => {
    if (gone) return
    ;(dataPanel ??= new DataPanel($('#js-data-panel'), { boardId, token, announce })).update(state)
    $('.js-loading').hidden = true
    $('.js-board').hidden = false
    if (events.some((e) => e.type === 'stage_set')) context.vote.stageChanged(state)
    undo.take(events, previous)
    undo.render(state)
    undo.seed()
    document.title = `${state.title} – facilitator – changeboard`
    $('.js-board-title').textContent = state.title
    topBar.render(state)
    stageBar.render(state)
    timer.render(state)
    people.render(state)
    wallPanel.render(state)
    stages.render(state, { events })
    context.vote.render(state)
    renderInvite(state, boardId)
    render(showButton(state, { kind: 'join' }, context, 'Show the join code on the wall'), $('.js-invite-wall'))
    if (previous && previous.statements.length < state.statements.length) {
      announce(`${plural(state.statements.length - previous.statements.length, 'statement')} added.`)
    }
    if (previous && (state.suggestions ?? []).length > (previous.suggestions ?? []).length) {
      announce('A participant suggested moving a card.')
    }
    previous = state
  })
  connection.addEventListener('presence', ({ detail }) => {
    people.here(detail)
    topBar.setPresence(detail)
  })
  start()
}

main()
