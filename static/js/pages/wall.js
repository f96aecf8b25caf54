// The wall display: read only, 16:9, legible from the back of the room.
// The header (title, stage, timer), how to join (small, in the footer's
// corner, unless the view shows it big), a dot vote or its results
// when there is one, else the stage's view from STAGE_VIEWS
// (stages/<stage>/wall.js); or the one thing the facilitator put on the
// wall (`state.wall.show`: a vote here, the rest components/wall-shown.js),
// until they have it follow the stage again. Whatever does not fit pages by itself
// (components/wall-pager.js); `#…&page_seconds=2` in the link sets how long
// a page stays (12 s unless told).

import { boardIdFromPath, fragmentParams, joinUrl, qrUrl } from '../api.js'
import { boot } from '../boot.js'
import { currentRound, hasResults, itemInfo } from '../board-state.js'
import { ResultsChart } from '../components/results-chart.js'
import { WallPager } from '../components/wall-pager.js'
import { WallShown } from '../components/wall-shown.js'
import { Countdown } from '../countdown.js'
import { plural } from '../dom.js'
import { html, render, repeat } from '../lit.js'
import { MovingFlags } from '../moving-flags.js'
import { stageInfo } from '../stage-list.js'
import { StageViews } from '../stages/index.js'

const $ = (selector) => document.querySelector(selector)

class Wall {
  constructor (boardId, connection, announce) {
    this.boardId = boardId
    this.connection = connection
    this.countdown = new Countdown($('.js-timer'), { now: () => connection.serverNow(), announce })
    this.results = new ResultsChart($('.js-results'), { animate: true, paged: true })
    this.hiddenResultsOf = null // a round whose results were put away by a stage change
    const seconds = Number(fragmentParams().get('page_seconds')) || 12
    this.pager = new WallPager($('.cb-wall__main'), $('.js-page-status'), { seconds: Math.max(1, seconds) })
    this.shown = null // what the main area shows, so a new thing starts at its first page
    const flags = new MovingFlags(connection)
    // A view that draws again by itself (a card being moved) has the pages measured again.
    const paged = () => this.pager.update(this.shown)
    this.stages = new StageViews($('.js-stage-views'), 'wall', { boardId, flags, paged })
    this.shownView = new WallShown($('.js-shown'))
    window.addEventListener('resize', () => this.#fitTitle())
  }

  render (state, events) {
    $('.js-loading').hidden = true
    document.title = `${state.title} – wall – changeboard`
    if ($('.js-title').textContent !== state.title) {
      $('.js-title').textContent = state.title
      this.#fitTitle()
    }
    const stages = this.connection.stages
    const stage = stageInfo(stages, state.stage)
    $('.js-stage-step').textContent = `Stage ${stage.number} of ${stages.length}:`
    $('.js-stage-title').textContent = stage.title
    this.countdown.render(state.timer)

    // One thing the facilitator put on the wall, while the board has it.
    const show = state.wall?.show ?? null
    const shownRound = show?.kind === 'round' ? state.rounds.find((r) => r.id === show.id) : null
    const other = !shownRound && WallShown.showable(state, show) ? show : null

    const round = shownRound ?? currentRound(state)
    // A finished vote's results stay up until the room moves on; a wall
    // opened later shows them only at "prioritise", where votes are read.
    const first = this.shown === null
    const moved = events.some((e) => e.type === 'stage_set') || (first && state.stage !== 'prioritise')
    if (moved && round && round.status !== 'open') this.hiddenResultsOf = round.id
    const following = !shownRound && !other
    const results = Boolean(round && hasResults(round) && (shownRound || this.hiddenResultsOf !== round.id)) && !other
    const voting = !results && !other && Boolean(shownRound || (round?.status === 'open'))
    $('.js-voting').hidden = !voting
    if (voting) this.#voting(state, round)
    $('.js-results-section').hidden = !results
    if (results) this.#results(state, round)
    else this.results.render(state, null)
    // A vote, then its results, take the screen; else the thing shown; else the stage's own view.
    const $views = $('.js-stage-views')
    $views.hidden = voting || results || !following
    const view = this.stages.render(state, { events })
    $('.js-shown').hidden = !other
    if (other) this.shownView.render(state, other)
    else this.shownView.clear()
    this.#joinSmall(state, (!$views.hidden && view.showsJoin) || other?.kind === 'join')
    this.#fitTitle()
    const what = voting ? `vote:${round.id}` : results ? `results:${round.id}` : other ? `shown:${other.kind}:${other.id}` : `stage:${state.stage}`
    this.shown = what
    this.pager.update(what)
    // The facilitator holds the page, or turns it, on every wall.
    this.pager.hold(Boolean(state.wall?.held))
    for (const event of events) {
      if (event.type !== 'wall_paged') continue
      if (event.action === 'next') this.pager.step(1)
      if (event.action === 'previous') this.pager.step(-1)
    }
  }

  /** The title in at most two lines, beside the timer and the join code: smaller when long. */
  #fitTitle () {
    const $title = $('.js-title')
    for (const step of ['', 'smaller', 'small', 'smallest', 'least']) {
      $title.dataset.size = step
      const lines = $title.getBoundingClientRect().height / parseFloat(getComputedStyle($title).lineHeight)
      if (lines < 2.5) break
    }
  }

  #joinSmall (state, big) {
    $('.js-join-small').hidden = big
    $('.js-join-code-small').textContent = state.join_code
    $('.js-join-host').textContent = `${location.host}/join`
    const $img = $('.js-qr-small')
    if (!$img.getAttribute('src')) $img.src = qrUrl(state.join_code)
    $img.alt = `QR code to join: ${joinUrl(state.join_code)}`
  }

  #voting (state, round) {
    const people = state.participants?.count ?? 0
    $('.js-vote-title').textContent = round.title || 'Dot vote'
    render(html`<span class="cb-wall__voted-number">${round.voters ?? 0} of ${people}</span> ${round.status === 'open'
      ? 'have voted' : 'voted'}`, $('.js-voted'))
    $('.js-secret').hidden = !round.blind
    $('.js-secret').textContent = round.status === 'open'
      ? 'Votes are secret until the facilitator shows the results.'
      : 'Voting has closed. The results are not shown yet.'
    // What the room is choosing from (never how it is going: that is secret).
    render(html`${repeat(round.items, (id) => id, (id) => {
      const info = itemInfo(state, id)
      return html`<li data-page-item data-key=${id}>${info.kind === 'theme' ? html`<strong>${info.title}</strong>` : info.text}${info.kind === 'theme' && info.text
        ? ` — “${info.text}”` : ''}</li>`
    })}`, $('.js-vote-items'))
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
    readOnly: true,
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
