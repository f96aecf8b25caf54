// The wall display: read only, 16:9, legible from the back of the room.
// The header (title, stage, timer, how to join), a dot vote or its results
// when there is one, else the stage's view from STAGE_VIEWS
// (stages/<stage>/wall.js).

import { boardIdFromPath, fragmentParams, joinUrl, qrUrl } from '../api.js'
import { boot } from '../boot.js'
import { currentRound, hasResults, itemInfo } from '../board-state.js'
import { ResultsChart } from '../components/results-chart.js'
import { Countdown } from '../countdown.js'
import { plural } from '../dom.js'
import { html, nothing, render } from '../lit.js'
import { MovingFlags } from '../moving-flags.js'
import { stageInfo } from '../stage-list.js'
import { StageViews } from '../stages/index.js'

const $ = (selector) => document.querySelector(selector)

class Wall {
  constructor (boardId, connection, announce) {
    this.boardId = boardId
    this.connection = connection
    this.countdown = new Countdown($('.js-timer'), { now: () => connection.serverNow(), announce })
    this.results = new ResultsChart($('.js-results'), { animate: true, limit: 6 })
    this.hiddenResultsOf = null // a round whose results were put away by a stage change
    const flags = new MovingFlags(connection)
    this.stages = new StageViews($('.js-stage-views'), 'wall', { boardId, flags })
  }

  render (state, events) {
    $('.js-loading').hidden = true
    document.title = `${state.title} – wall – changeboard`
    $('.js-title').textContent = state.title
    const stages = this.connection.stages
    const stage = stageInfo(stages, state.stage)
    $('.js-stage-step').textContent = `Stage ${stage.number} of ${stages.length}:`
    $('.js-stage-title').textContent = stage.title
    this.countdown.render(state.timer)

    const round = currentRound(state)
    if (events.some((e) => e.type === 'stage_set') && round && round.status !== 'open') {
      this.hiddenResultsOf = round.id
    }
    const voting = round?.status === 'open' && !hasResults(round)
    const results = Boolean(round && hasResults(round) && this.hiddenResultsOf !== round.id)
    $('.js-voting').hidden = !voting
    if (voting) this.#voting(state, round)
    $('.js-results-section').hidden = !results
    if (results) this.#results(state, round)
    else this.results.render(state, null)
    // A vote, then its results, take the screen; else the stage's own view.
    const $views = $('.js-stage-views')
    $views.hidden = voting || results
    const view = this.stages.render(state, { events })
    this.#joinSmall(state, !$views.hidden && view.showsJoin)
  }

  #joinSmall (state, big) {
    $('.js-join-small').hidden = big
    $('.js-join-code-small').textContent = state.join_code
    $('.js-join-host').textContent = `${location.host}/join`
    const $img = $('.js-qr-small')
    if (!$img.getAttribute('src')) $img.src = qrUrl(this.boardId)
    $img.alt = `QR code to join: ${joinUrl(state.join_code)}`
  }

  #voting (state, round) {
    const people = state.participants?.count ?? 0
    $('.js-vote-title').textContent = round.title || 'Dot vote'
    render(html`<span class="cb-wall__voted-number">${round.voters ?? 0} of ${people}</span> have voted`, $('.js-voted'))
    $('.js-secret').hidden = !round.blind
    render(html`${round.items.slice(0, 8).map((id) => {
      const info = itemInfo(state, id)
      return html`<li>${info.kind === 'theme' ? html`<strong>${info.title}</strong>` : info.text}${info.kind === 'theme' && info.text
        ? ` — “${info.text}”` : ''}</li>`
    })}${round.items.length > 8 ? html`<li class="cb-wall__more">and ${round.items.length - 8} more</li>` : nothing}`,
    $('.js-vote-items'))
  }

  #results (state, round) {
    $('.js-results-title').textContent = `Results: ${round.title || 'Dot vote'}`
    $('.js-results-note').textContent = round.status === 'open'
      ? `Live. ${round.voters ?? 0} of ${state.participants?.count ?? 0} have voted.`
      : `${plural(round.voters ?? 0, 'person', 'people')} voted. ${plural(round.dots_cast ?? 0, 'dot')} in all.`
    this.results.render(state, round)
  }
}

function main () {
  const boardId = boardIdFromPath()
  const token = fragmentParams().get('t')
  const fatal = () => {
    $('.js-loading').hidden = true
    $('.js-fatal').hidden = false
  }
  if (!boardId || !token) return fatal()
  const { connection, announce, start } = boot({
    token,
    noun: 'updates',
    sayConnection: false,
    onFatal: fatal,
    onDeleted: (data) => {
      for (const $el of document.querySelectorAll('.cb-wall__main > *, .js-timer, .js-join-small, .js-connection')) $el.hidden = true
      $('.js-deleted').hidden = false
      if (data.message) $('.js-deleted-message').textContent = data.message
      $('.js-stage-step').textContent = ''
      $('.js-stage-title').textContent = ''
      document.title = 'Workshop deleted – changeboard'
      announce('This workshop has been deleted.')
    }
  })
  const wall = new Wall(boardId, connection, announce)
  connection.addEventListener('state', ({ detail }) => wall.render(detail.state, detail.events))
  start()
}

main()
