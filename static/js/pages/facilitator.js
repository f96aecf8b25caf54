// The facilitator console: the stage bar, the timer, the room's stage from
// STAGE_VIEWS (stages/<stage>/facilitator.js), the dot vote, the statements
// and import; beside them undo, invite, links, people, report and data.

import { boardIdFromPath, fragmentParams, joinUrl, qrUrl } from '../api.js'
import { boot } from '../boot.js'
import { CardsPanel } from '../components/cards-panel.js'
import { CheckboxPicker } from '../components/checkbox-picker.js'
import { DataPanel } from '../components/data-panel.js'
import { ConfirmDialog } from '../components/dialog.js'
import { Importer } from '../components/importer.js'
import { LinksPanel } from '../components/links-panel.js'
import { PeoplePanel } from '../components/people-panel.js'
import { StageBar } from '../components/stage-bar.js'
import { TimerControls } from '../components/timer-controls.js'
import { UndoPanel } from '../components/undo-panel.js'
import { VoteConsole, statementGroups } from '../components/vote-console.js'
import { plural } from '../dom.js'
import { MovingFlags } from '../moving-flags.js'
import { applySettings } from '../settings.js'
import { atOrAfter } from '../stage-list.js'
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
  if (!$qr.getAttribute('src')) $qr.src = qrUrl(boardId)
}

function fatal (message) {
  $('.js-loading').hidden = true
  $('.js-board').hidden = true
  $('.js-fatal').hidden = false
  if (message) $('.js-fatal-message').textContent = message
}

/** The board was deleted (here or on another screen): say so across the page. */
function boardDeleted (message, deletedHere, announce) {
  $('.js-loading').hidden = true
  if (deletedHere) {
    // The data panel already says "Deleted." where the facilitator is looking.
    for (const $section of document.querySelectorAll('.cb-fac-primary, .cb-fac-side > section:not(#js-data-panel)')) $section.hidden = true
    return
  }
  $('.js-board').hidden = true
  $('.js-fatal').hidden = true
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
  const context = { connection, announce, dialog: new ConfirmDialog($('.js-confirm')), flags: new MovingFlags(connection) }
  const stageBar = new StageBar($('.js-stagebar'), context)
  const timer = new TimerControls($('.js-timer-section'), context)
  const statements = new CheckboxPicker($('.js-picker'), { idPrefix: 'pick', titleClass: 'cb-picker__text', itemClass: 'cb-picker__item' })
  context.vote = new VoteConsole($('.js-vote-section'), { ...context, statements })
  const stages = new StageViews($('.js-stage-views'), 'facilitator', context)
  const cards = new CardsPanel($('.js-cards-section'), context)
  const undo = new UndoPanel($('.js-undo'), context)
  const people = new PeoplePanel($('.js-people'), { ...context, $recorder: $('.js-recorder-dialog') })
  context.people = people
  new Importer($('.js-import'), { boardId, token, announce })
  new LinksPanel($('.js-links'), { boardId, token, announce })

  let previous = null
  connection.addEventListener('state', ({ detail: { state, events } }) => {
    if (gone) return
    ;(dataPanel ??= new DataPanel($('#js-data-panel'), { boardId, token, announce })).update(state)
    $('.js-loading').hidden = true
    $('.js-board').hidden = false
    undo.take(events, previous)
    undo.render(state)
    undo.seed()
    document.title = `${state.title} – facilitator – changeboard`
    $('.js-board-title').textContent = state.title
    stageBar.render(state)
    timer.render(state)
    stages.render(state, { events })
    cards.render(state)
    statements.render(statementGroups(state))
    $('.js-statements-empty').hidden = state.statements.length > 0
    $('.js-import').hidden = atOrAfter(connection.stages, state.stage, 'understand')
    context.vote.render(state)
    renderInvite(state, boardId)
    people.render(state)
    if (previous && previous.statements.length < state.statements.length) {
      announce(`${plural(state.statements.length - previous.statements.length, 'statement')} added.`)
    }
    if (previous && (state.suggestions ?? []).length > (previous.suggestions ?? []).length) {
      announce('A participant suggested moving a card.')
    }
    previous = state
  })
  connection.addEventListener('presence', ({ detail }) => people.here(detail))
  start()
}

main()
