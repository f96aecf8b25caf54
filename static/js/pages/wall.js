// The wall display: read only, 16:9, legible from the back of the room.

import { Announcer } from '../announcer.js'
import { boardIdFromPath, fragmentParams, joinUrl, qrUrl } from '../api.js'
import { cardsIn, currentRound, hasResults, itemInfo, themesOf } from '../board-state.js'
import { Connection } from '../connection.js'
import { ConnectionBanner } from '../connection-banner.js'
import { Countdown } from '../countdown.js'
import { h, plural, replaceChildren } from '../dom.js'
import { MovingFlags } from '../moving-flags.js'
import { ResultsChart } from '../results-chart.js'
import { CATEGORIES, STAGES, stageInfo } from '../stages.js'
import { WallDayTwo, isDayTwo } from '../components/wall-day-two.js'

const $ = (selector) => document.querySelector(selector)
const announcer = new Announcer($('#status'))
const PER_COLUMN = 5
const THEMES_PER_COLUMN = 4
const JOIN_STAGES = new Set(['prepare', 'collect'])

class Wall {
  constructor (boardId, connection) {
    this.boardId = boardId
    this.flags = new MovingFlags(connection)
    this.flags.addEventListener('change', () => this.#markMoving())
    this.countdown = new Countdown($('.js-timer'), { now: () => connection.serverNow(), announce: (m) => announcer.announce(m) })
    this.results = new ResultsChart($('.js-results'), { animate: true, limit: 6 })
    this.hiddenResultsOf = null // a round whose results were put away by a stage change
    this.dayTwo = new WallDayTwo($('.js-day-two'))
  }

  render (state, events) {
    $('.js-loading').hidden = true
    document.title = `${state.title} – wall – changeboard`
    $('.js-title').textContent = state.title
    const stage = stageInfo(state.stage)
    $('.js-stage-step').textContent = `Stage ${stage.number} of ${STAGES.length}:`
    $('.js-stage-title').textContent = stage.title
    this.state = state
    this.countdown.render(state.timer)

    const round = currentRound(state)
    if (events.some((e) => e.type === 'stage_set') && round && round.status !== 'open') {
      this.hiddenResultsOf = round.id
    }
    const voting = round?.status === 'open' && !hasResults(round)
    const results = round && hasResults(round) && this.hiddenResultsOf !== round.id
    const joinBig = !voting && !results && JOIN_STAGES.has(state.stage)

    this.#join(state, joinBig)
    $('.js-voting').hidden = !voting
    if (voting) this.#voting(state, round)
    $('.js-results-section').hidden = !results
    if (results) this.#results(state, round)
    else this.results.render(state, null)
    // From "understand" on, the day's work has the screen (a vote still comes first).
    const dayTwo = !voting && !results && isDayTwo(state.stage)
    $('.js-day-two').hidden = !dayTwo
    if (dayTwo) this.dayTwo.render(state)
    else this.dayTwo.forget()
    $('.js-columns').hidden = voting || results || dayTwo
    const carried = !voting && !results && !dayTwo && (state.carried ?? []).length > 0 && stage.index >= 3
    $('.js-carried').hidden = !carried
    if (carried) this.#carried(state)
    if (!voting && !results && !carried && !dayTwo) {
      if ((state.themes ?? []).length && stage.index >= 2) this.#themes(state)
      else this.#columns(state, joinBig)
    }
    if (carried) $('.js-columns').hidden = true
  }

  #carried (state) {
    replaceChildren($('.js-carried-list'), state.carried.slice(0, 6).map((id) => {
      const info = itemInfo(state, id)
      return h('li', { className: 'cb-wall__carried-item' },
        h('p', { className: 'cb-wall__carried-title', text: info.kind === 'theme' ? info.title : info.text }),
        info.kind === 'theme' && info.text ? h('p', { className: 'cb-wall__i-statement', text: `“${info.text}”` }) : null)
    }))
  }

  // Themes as clusters, one column per question, with their card counts.
  #themes (state) {
    const $root = $('.js-columns')
    $root.classList.remove('cb-wall__columns--compact')
    replaceChildren($root, CATEGORIES.map((category) => {
      const themes = themesOf(state, category.value)
      const all = state.statements.filter((s) => s.category === category.value)
      const unthemed = cardsIn(state, category.value, null)
      const slug = category.value.replace(/\s+/g, '-')
      const shown = [...themes].sort((a, b) => cardsIn(state, category.value, b.id).length - cardsIn(state, category.value, a.id).length)
        .slice(0, THEMES_PER_COLUMN)
      return h('section', { className: `cb-wall__column cb-category cb-category--${slug}`, dataset: { category: category.value } },
        h('h2', { className: 'cb-wall__column-title' },
          h('span', { text: category.title }),
          h('span', { className: 'cb-wall__count', text: String(all.length) })),
        themes.length
          ? h('ul', { className: 'cb-wall__themes' }, shown.map((t) => {
            const cards = cardsIn(state, category.value, t.id)
            return h('li', { className: 'cb-wall__theme js-cluster', dataset: { theme: t.id, cards: cards.map((c) => c.id).join(' ') } },
              h('p', { className: 'cb-wall__theme-title' },
                h('span', { text: t.title }),
                h('span', { className: 'cb-wall__theme-count', text: plural(cards.length, 'card') })),
              t.i_statement ? h('p', { className: 'cb-wall__i-statement', text: `“${t.i_statement}”` }) : null,
              h('p', { className: 'cb-wall__moving js-moving', hidden: true, text: '↔ a card is being moved' }))
          }))
          : h('p', { text: 'No themes yet.' }),
        themes.length > shown.length ? h('p', { className: 'cb-wall__more', text: `and ${plural(themes.length - shown.length, 'more theme')}` }) : null,
        h('p', { className: 'cb-wall__unthemed js-cluster', dataset: { cards: unthemed.map((c) => c.id).join(' ') } },
          `Not yet themed: ${unthemed.length}`,
          h('span', { className: 'cb-wall__moving js-moving', hidden: true, text: ' ↔ moving' })))
    }))
    this.#markMoving()
  }

  #markMoving () {
    const moving = new Set(this.flags.ids())
    for (const $cluster of document.querySelectorAll('.js-cluster')) {
      const on = ($cluster.dataset.cards || '').split(' ').some((id) => moving.has(id))
      $cluster.classList.toggle('cb-wall__theme--moving', on)
      const $tag = $cluster.querySelector('.js-moving')
      if ($tag) $tag.hidden = !on
    }
  }

  #join (state, big) {
    const url = joinUrl(state.join_code)
    $('.js-join-big').hidden = !big
    $('.js-join-small').hidden = big
    $('.js-join-code').textContent = state.join_code
    $('.js-join-code-small').textContent = state.join_code
    $('.js-join-url').textContent = `${location.host}/join`
    $('.js-join-host').textContent = `${location.host}/join`
    $('.js-joined-count').textContent = `${plural(state.participants?.count ?? 0, 'person has', 'people have')} joined.`
    for (const $img of [$('.js-qr'), $('.js-qr-small')]) {
      if (!$img.getAttribute('src')) $img.src = qrUrl(this.boardId)
      $img.alt = `QR code to join: ${url}`
    }
  }

  #voting (state, round) {
    const people = state.participants?.count ?? 0
    $('.js-vote-title').textContent = round.title || 'Dot vote'
    replaceChildren($('.js-voted'),
      h('span', { className: 'cb-wall__voted-number', text: `${round.voters ?? 0} of ${people}` }),
      ' have voted')
    $('.js-secret').hidden = !round.blind
    replaceChildren($('.js-vote-items'), round.items.slice(0, 8).map((id) => {
      const info = itemInfo(state, id)
      return h('li', {}, info.kind === 'theme' ? h('strong', { text: info.title }) : info.text,
        info.kind === 'theme' && info.text ? ` — “${info.text}”` : '')
    }),
    round.items.length > 8 ? h('li', { className: 'cb-wall__more', text: `and ${round.items.length - 8} more` }) : null)
  }

  #results (state, round) {
    $('.js-results-title').textContent = `Results: ${round.title || 'Dot vote'}`
    $('.js-results-note').textContent = round.status === 'open'
      ? `Live. ${round.voters ?? 0} of ${state.participants?.count ?? 0} have voted.`
      : `${plural(round.voters ?? 0, 'person', 'people')} voted. ${plural(round.dots_cast ?? 0, 'dot')} in all.`
    this.results.render(state, round)
  }

  #columns (state, compact) {
    const $root = $('.js-columns')
    $root.classList.toggle('cb-wall__columns--compact', compact)
    replaceChildren($root, CATEGORIES.map((category) => {
      const mine = state.statements.filter((s) => s.category === category.value)
      const shown = [...mine].sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99)).slice(0, compact ? 1 : PER_COLUMN)
      const slug = category.value.replace(/\s+/g, '-')
      return h('section', { className: `cb-wall__column cb-category cb-category--${slug}` },
        h('h2', { className: 'cb-wall__column-title' },
          h('span', { text: category.title }),
          h('span', { className: 'cb-wall__count', text: String(mine.length) })),
        mine.length
          ? h('ul', { className: 'cb-wall__statements' }, shown.map((s) => h('li', { text: s.text })))
          : h('p', { text: 'None yet.' }),
        mine.length > shown.length ? h('p', { className: 'cb-wall__more', text: `and ${mine.length - shown.length} more` }) : null)
    }))
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
  const connection = new Connection({ token, announce: (m) => announcer.announce(m) })
  new ConnectionBanner($('.js-connection'), connection, { noun: 'updates' })
  const wall = new Wall(boardId, connection)
  connection.addEventListener('state', ({ detail }) => wall.render(detail.state, detail.events))
  let deleted = false
  connection.addEventListener('authfailed', () => { if (!deleted) fatal() })
  connection.start()
  connection.addEventListener('deleted', ({ detail: data }) => {
    deleted = true
    for (const $el of document.querySelectorAll('.cb-wall__main > *, .js-timer, .js-join-small, .js-connection')) $el.hidden = true
    $('.js-deleted').hidden = false
    if (data?.message) $('.js-deleted-message').textContent = data.message
    $('.js-stage-step').textContent = ''
    $('.js-stage-title').textContent = ''
    document.title = 'Workshop deleted – changeboard'
    announcer.announce('This workshop has been deleted.')
  })
}

main()
