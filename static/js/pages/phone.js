// The participant's phone: join by code, see the board, spend dots.

import { Announcer } from '../announcer.js'
import { findBoard } from '../api.js'
import { currentRound, dotsLeft, dotsSpent, hasResults, itemInfo, itemLabel, itemTotal } from '../board-state.js'
import { Connection } from '../connection.js'
import { ConnectionBanner } from '../connection-banner.js'
import { Countdown } from '../countdown.js'
import { h, plural, replaceChildren } from '../dom.js'
import { MovingFlags } from '../moving-flags.js'
import { ReadAloud } from '../read-aloud.js'
import { ResultsChart } from '../results-chart.js'
import { DeviceSettings } from '../settings.js'
import { GROUPS, stageInfo } from '../stages.js'
import { StatementForm } from '../statement-form.js'
import { StatementList } from '../statement-list.js'
import { MoveSheet, ThemingPanel } from '../theming-phone.js'
import { PhoneDayTwo, isDayTwo } from '../components/phone-day-two.js'

const $ = (selector) => document.querySelector(selector)
// Messages leave the dock after a while, so it does not cover the page for long.
const announcer = new Announcer($('#status'), { clearAfter: 12000 })
const announce = (message) => announcer.announce(message)
new DeviceSettings($('.js-settings'), { announce })
const readAloud = new ReadAloud()

export function normaliseCode (raw) {
  return String(raw ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')
}

function codeFromPath () {
  const match = location.pathname.match(/^\/join\/([^/]+)/)
  return match ? normaliseCode(decodeURIComponent(match[1])) : ''
}

const tokenKey = (code) => `changeboard:participant:${code}`
const outboxKey = (code) => `changeboard:outbox:${code}`

function show (view) {
  for (const name of ['loading', 'code-view', 'join-view', 'board-view', 'deleted-view']) {
    $(`.js-${name}`).hidden = name !== view
  }
}

// ---- asking for a code ---------------------------------------------------

function askForCode (message) {
  show('code-view')
  const $form = $('.js-code-form')
  const $input = $('.js-code')
  const $error = $('.js-code-error')
  const showError = (text) => {
    $error.textContent = text
    $error.hidden = false
    $('.js-code-group').classList.add('cb-form-group--error')
    $input.setAttribute('aria-describedby', 'join-code-hint join-code-error')
    $input.setAttribute('aria-invalid', 'true')
  }
  if (message) showError(message)
  $form.addEventListener('submit', (event) => {
    event.preventDefault()
    const code = normaliseCode($input.value)
    if (code.length !== 6) {
      showError(code ? 'The code has 6 letters or numbers. Check it and try again.' : 'Enter the workshop code.')
      $input.focus()
      return
    }
    location.assign(`/join/${encodeURIComponent(code)}`)
  })
}

// ---- joining ---------------------------------------------------------------

class JoinForm {
  constructor ($form, { onSubmit }) {
    this.$form = $form
    this.onSubmit = onSubmit
    this.$choices = $form.querySelector('.js-group-choices')
    this.$groupError = $form.querySelector('.js-group-error')
    this.$error = $form.querySelector('.js-join-error')
    this.$button = $form.querySelector('.js-join-button')
    replaceChildren(this.$choices, GROUPS.map((group, i) => {
      const id = `group-${i}`
      const hintId = `${id}-hint`
      return h('div', { className: 'cb-choice cb-choice--radio' },
        h('input', {
          className: 'cb-choice__input', type: 'radio', name: 'group', id, value: group.value,
          attrs: { 'aria-describedby': group.hint ? hintId : null }
        }),
        h('label', { className: 'cb-choice__label', htmlFor: id },
          h('span', { className: 'cb-choice__title', text: group.label }),
          group.hint ? h('span', { className: 'cb-choice__hint', id: hintId, text: group.hint }) : null))
    }))
    $form.addEventListener('submit', (e) => this.submit(e))
  }

  async submit (event) {
    event.preventDefault()
    this.$error.hidden = true
    const group = this.$form.querySelector('input[name="group"]:checked')?.value
    if (!group) {
      this.$groupError.textContent = 'Choose the group that fits you best.'
      this.$groupError.hidden = false
      this.$form.querySelector('.js-group-group').classList.add('cb-form-group--error')
      this.$form.querySelector('input[name="group"]').focus()
      return
    }
    this.$groupError.hidden = true
    this.$form.querySelector('.js-group-group').classList.remove('cb-form-group--error')
    this.$button.disabled = true
    this.$button.textContent = 'Joining…'
    try {
      await this.onSubmit({ name: this.$form.querySelector('#join-name').value.trim(), group })
    } catch (err) {
      this.$error.textContent = err?.message ?? 'We could not join you. Try again.'
      this.$error.hidden = false
      announce(this.$error.textContent)
      this.$button.disabled = false
      this.$button.textContent = 'Join the workshop'
    }
  }
}

// ---- voting ------------------------------------------------------------------

class VotePanel {
  constructor ($root, connection, countdown) {
    this.$root = $root
    this.connection = connection
    this.countdown = countdown
    this.$title = $root.querySelector('.js-round-title')
    this.$notes = $root.querySelector('.js-round-notes')
    this.$list = $root.querySelector('.js-vote-list')
    this.results = new ResultsChart($root.querySelector('.js-round-results'))
    this.key = null
    this.cards = new Map()
    this.state = null
    this.round = null
  }

  /** Dots waiting in the outbox for this round: {item: +n / -n}. */
  waiting (round) {
    const waiting = {}
    for (const c of this.connection.outbox) {
      if (c.round_id !== round.id) continue
      const by = c.type === 'vote' ? 1 : c.type === 'unvote' ? -1 : 0
      waiting[c.item] = (waiting[c.item] ?? 0) + by
    }
    return waiting
  }

  render (state) {
    const round = currentRound(state)
    this.state = state
    this.round = round
    // Results of a vote the room has moved on from are put away (as on the
    // wall), so the new stage's work is at the top of a small screen.
    this.$root.hidden = !round || (round.status !== 'open' && round.id === this.putAway)
    if (this.$root.hidden) return
    this.$title.textContent = round.title || 'Dot vote'
    this.#notes(state, round)

    const showCards = round.status === 'open'
    this.$list.hidden = !showCards
    const key = `${round.id}:${round.items.join(',')}`
    if (showCards && key !== this.key) this.#build(state, round, key)
    if (showCards) this.#update(round)
    this.results.render(state, round.status === 'open' ? null : round)
  }

  #notes (state, round) {
    const notes = []
    if (round.status === 'open' && this.countdown.stoppedVoting(round.id)) {
      notes.push(h('p', { className: 'cb-notice cb-notice--stop js-stopped', text: 'Voting has stopped. Time is up.' }))
    } else if (round.status === 'open') {
      notes.push(h('p', {
        className: 'cb-round__rule',
        text: `You have ${plural(round.dots_per_person, 'dot')} to spend. You can put up to ${plural(round.max_per_item, 'dot')} on one thing.`
      }))
      notes.push(round.blind
        ? h('p', { className: 'cb-notice', text: 'Votes are secret. You will see the results when the facilitator shows them.' })
        : h('p', { className: 'cb-notice', text: 'Everyone can see the dots as they are added.' }))
      notes.push(h('p', { className: 'cb-round__remind js-remind', hidden: true }))
    } else if (round.status === 'closed' && !hasResults(round)) {
      notes.push(h('p', { className: 'cb-notice', text: 'Voting has closed. The results will show here when the facilitator shares them.' }))
    } else {
      notes.push(h('p', { className: 'cb-notice', text: `Voting has closed. ${plural(round.voters ?? 0, 'person', 'people')} voted. Here are the results.` }))
    }
    replaceChildren(this.$notes, notes)
  }

  #build (state, round, key) {
    this.key = key
    this.cards.clear()
    replaceChildren(this.$list, round.items.map((item) => {
      const info = itemInfo(state, item)
      const text = itemLabel(info)
      const $mine = h('p', { className: 'cb-vote__mine js-mine' })
      const $total = h('p', { className: 'cb-vote__total js-total' })
      const $add = h('button', { type: 'button', className: 'cb-button cb-vote__add js-add' },
        h('span', { attrs: { 'aria-hidden': 'true' }, text: '+' }), ' Add a dot')
      const $back = h('button', { type: 'button', className: 'cb-button cb-button--secondary cb-vote__back js-back' },
        h('span', { attrs: { 'aria-hidden': 'true' }, text: '−' }), ' Take back')
      const textId = `vote-text-${item}`
      $add.setAttribute('aria-describedby', textId)
      $back.setAttribute('aria-describedby', textId)
      $add.addEventListener('click', () => this.#tap('vote', item))
      $back.addEventListener('click', () => this.#tap('unvote', item))
      const $card = h('li', { className: 'cb-vote', dataset: { item } },
        info.kind === 'theme'
          ? h('div', { className: 'cb-vote__text', id: textId },
            h('p', { className: 'cb-vote__title', text: info.title }),
            info.text ? h('p', { className: 'cb-vote__i-statement', text: `“${info.text}”` }) : null)
          : h('p', { className: 'cb-vote__text', id: textId, text }),
        readAloud.button(text),
        $mine,
        h('div', { className: 'cb-vote__buttons' }, $add, $back),
        $total)
      this.cards.set(item, { $card, $mine, $total, $add, $back })
      return $card
    }))
  }

  #update (round) {
    const waiting = this.waiting(round)
    const spent = dotsSpent(round) + Object.values(waiting).reduce((a, b) => a + b, 0)
    const stopped = this.countdown.stoppedVoting(round.id)
    const $remind = this.$notes.querySelector('.js-remind')
    if ($remind) {
      const unused = round.dots_per_person - spent
      $remind.hidden = !(round.remind_unused && unused > 0 && spent > 0) || stopped
      $remind.textContent = `You still have ${plural(unused, 'dot')} to use.`
    }
    for (const [item, card] of this.cards) {
      const mine = round.mine?.[item] ?? 0
      const wait = waiting[item] ?? 0
      const dots = Array.from({ length: Math.max(round.max_per_item, mine) }, (_, i) =>
        h('span', { className: `cb-dot${i < mine ? ' cb-dot--mine' : ''}` }))
      replaceChildren(card.$mine,
        h('span', { className: 'cb-vote__dots', attrs: { 'aria-hidden': 'true' } }, dots),
        h('span', { text: mine === 0 ? 'No dots from you yet' : `You put ${plural(mine, 'dot')} here` }),
        wait ? h('span', { className: 'cb-vote__waiting', text: ` (${wait > 0 ? '+' : ''}${wait} waiting to send)` }) : null)
      card.$card.classList.toggle('cb-vote--chosen', mine > 0)
      const canAdd = !stopped && spent < round.dots_per_person && mine + wait < round.max_per_item
      const canBack = !stopped && mine + wait > 0
      card.$add.setAttribute('aria-disabled', String(!canAdd))
      card.$back.setAttribute('aria-disabled', String(!canBack))
      card.$total.hidden = !hasResults(round)
      if (hasResults(round)) card.$total.textContent = `Everyone so far: ${plural(itemTotal(round, item), 'dot')}`
    }
  }

  #tap (type, item) {
    const round = this.round
    if (!round || round.status !== 'open') return
    if (this.countdown.stoppedVoting(round.id)) return announce('Voting has stopped. Time is up.')
    const waiting = this.waiting(round)
    const mine = (round.mine?.[item] ?? 0) + (waiting[item] ?? 0)
    const spent = dotsSpent(round) + Object.values(waiting).reduce((a, b) => a + b, 0)
    if (type === 'vote' && spent >= round.dots_per_person) {
      return announce(`All ${plural(round.dots_per_person, 'dot')} are used. Take one back to move it.`)
    }
    if (type === 'vote' && mine >= round.max_per_item) {
      return announce(`You can put at most ${plural(round.max_per_item, 'dot')} on one thing.`)
    }
    if (type === 'unvote' && mine <= 0) return announce('There is no dot here to take back.')
    this.connection.send({ type, round_id: round.id, item }).catch(() => {})
    this.#update(round)
  }
}

// ---- the board ---------------------------------------------------------------

class BoardView {
  constructor (connection) {
    this.connection = connection
    this.statements = new StatementList($('.js-categories'), { readAloud })
    this.countdown = new Countdown($('.js-timer'), {
      now: () => connection.serverNow(),
      announce,
      onPhase: () => connection.state && this.votes.render(connection.state)
    })
    this.votes = new VotePanel($('.js-round'), connection, this.countdown)
    this.flags = new MovingFlags(connection)
    const sheet = new MoveSheet($('.js-move-sheet'), {
      flags: this.flags,
      onChoose: (card, themeId, title) => this.#move(card, themeId, title)
    })
    this.theming = new ThemingPanel($('.js-theming'), { connection, flags: this.flags, readAloud, announce, sheet })
    new StatementForm($('.js-statement-form'), { connection, announce })
    this.dayTwo = new PhoneDayTwo($('.js-day-two'), { connection, readAloud, announce })
    this.$dots = $('.js-dots-left')
    this.previous = null
    this.yoursKey = null
    this.carriedKey = null
  }

  async #move (card, themeId, title) {
    const state = this.connection.state
    if (state?.theming_mode === 'facilitators') {
      await this.connection.send({ type: 'suggest_move', statement_id: card.id, theme_id: themeId })
      announce(`Suggestion sent: move it to ${title}. The facilitator will decide.`)
    } else {
      await this.connection.send({ type: 'move_statement', statement_id: card.id, theme_id: themeId })
      announce(themeId ? `Moved to ${title}.` : 'Moved back to “Not in a theme”.')
    }
  }

  #collect (state) {
    const collecting = state.stage === 'collect'
    $('.js-collect').hidden = !collecting
    const yours = state.statements.filter((s) => s.mine)
    const key = JSON.stringify(yours.map((s) => [s.id, s.hidden]))
    if (key === this.yoursKey) return
    this.yoursKey = key
    $('.js-yours').hidden = yours.length === 0
    replaceChildren($('.js-yours-list'), yours.map((s) => h('li', { className: 'cb-card' },
      h('p', { className: 'cb-card__tags' },
        h('span', { className: 'cb-tag', text: 'Yours' })),
      h('p', { className: 'cb-card__text', text: s.text }),
      s.hidden ? h('p', { className: 'cb-card__note', text: 'Only the facilitator can see this for now.' }) : null,
      readAloud.button(s.text))))
  }

  #carried (state) {
    const carried = state.carried ?? []
    // From "understand" on, the day's work shows the themes itself.
    $('.js-carried').hidden = carried.length === 0 || isDayTwo(state.stage)
    const key = JSON.stringify([carried, state.themes])
    if (key === this.carriedKey) return
    this.carriedKey = key
    replaceChildren($('.js-carried-list'), carried.map((id) => {
      const info = itemInfo(state, id)
      return h('li', { className: 'cb-carried__item' },
        h('p', { className: 'cb-carried__title', text: info.kind === 'theme' ? info.title : info.text }),
        info.kind === 'theme' && info.text ? h('p', { className: 'cb-carried__i-statement', text: `“${info.text}”` }) : null,
        readAloud.button(itemLabel(info)))
    }))
  }

  render (state, { snapshot, events = [] }) {
    show('board-view')
    document.title = `${state.title} – changeboard`
    $('.js-board-title').textContent = state.title
    const stage = stageInfo(state.stage)
    $('.js-stage-step').textContent = `Step ${stage.number} of 10`
    $('.js-stage-title').textContent = stage.title
    $('.js-stage-summary').textContent = stage.summary
    this.countdown.render(state.timer)
    this.#collect(state)
    this.theming.render(state)
    this.#carried(state)
    $('.js-statements').hidden = state.stage === 'theme'
    this.statements.render(state.statements)
    $('.js-statements-empty').hidden = state.statements.length > 0
    const round = currentRound(state)
    const moved = events.some((e) => e.type === 'stage_set') || (snapshot && isDayTwo(state.stage))
    if (moved && round && round.status !== 'open') this.votes.putAway = round.id
    this.votes.render(state)
    this.dayTwo.render(state, events)
    this.#dock(state)
    const you = state.you ?? this.connection.you
    $('.js-you').textContent = you
      ? `You joined as ${you.name ? `${you.name}, ` : ''}${GROUPS.find((g) => g.value === you.group)?.label.toLowerCase() ?? you.group}.`
      : ''
    if (!snapshot && this.previous) this.#announceChanges(this.previous, state)
    this.previous = state
  }

  #dock (state) {
    const round = currentRound(state)
    const open = round?.status === 'open'
    this.$dots.hidden = !open
    if (open) {
      const left = dotsLeft(round)
      replaceChildren(this.$dots,
        h('span', { className: 'cb-dock__number', text: String(left) }),
        ` ${left === 1 ? 'dot' : 'dots'} left of ${round.dots_per_person}`)
      this.$dots.dataset.left = String(left)
    }
  }

  #announceChanges (before, after) {
    if (before.stage !== after.stage) {
      announce(`The workshop has moved on to: ${stageInfo(after.stage).title}.`)
    }
    if (before.theming_mode !== after.theming_mode && after.stage === 'theme') {
      announce(after.theming_mode === 'facilitators'
        ? 'The facilitator is moving the cards now. You can suggest moves.'
        : 'Everyone can move cards now.')
    }
    if ((after.carried ?? []).length && JSON.stringify(before.carried) !== JSON.stringify(after.carried)) {
      announce(`${plural(after.carried.length, 'theme')} taken forward.`)
    }
    if (JSON.stringify(before.timer) !== JSON.stringify(after.timer) && after.timer && !before.timer) {
      announce('A timer has started.')
    }
    const was = currentRound(before)
    const now = currentRound(after)
    if (!now) return
    if (!was || was.id !== now.id) {
      if (now.status === 'open') announce(`A dot vote has started. You have ${plural(now.dots_per_person, 'dot')}.`)
      return
    }
    if (was.status !== now.status) {
      if (now.status === 'closed') announce(hasResults(now) ? 'Voting has closed.' : 'Voting has closed. Results will come soon.')
      if (now.status === 'revealed') announce('The results are ready.')
      return
    }
    if (dotsSpent(was) !== dotsSpent(now)) {
      announce(`You have ${plural(dotsLeft(now), 'dot')} left.`)
    }
  }
}

// A long list on a small phone: offer the way back to the top, where the
// stage, the vote and what was taken forward are.
function watchScroll () {
  const $top = $('.js-to-top')
  const update = () => { $top.hidden = window.scrollY < window.innerHeight * 1.5 }
  window.addEventListener('scroll', update, { passive: true })
  $top.addEventListener('click', (event) => {
    event.preventDefault()
    window.scrollTo(0, 0)
    const $title = $('#board-title')
    $title.setAttribute('tabindex', '-1')
    $title.focus({ preventScroll: true })
  })
  update()
}

// The board is gone: say so plainly, in place of everything else.
function showDeleted (message) {
  show('deleted-view')
  // The dock stays for its live region; what it showed no longer applies.
  for (const sel of ['.js-timer', '.js-dots-left', '.js-to-top', '.js-connection']) $(sel).hidden = true
  if (message) $('.js-deleted-message').textContent = message
  document.title = 'Workshop deleted – changeboard'
  announce('This workshop has been deleted.')
  const $heading = $('#deleted-heading')
  window.scrollTo(0, 0)
  $heading.focus({ preventScroll: true })
}

// ---- start -------------------------------------------------------------------

async function main () {
  watchScroll()
  const code = codeFromPath()
  if (!code) return askForCode()
  const savedToken = localStorage.getItem(tokenKey(code))
  const connection = new Connection({ token: savedToken, outboxKey: outboxKey(code), announce })
  new ConnectionBanner($('.js-connection'), connection, { announce })
  const view = new BoardView(connection)
  connection.addEventListener('state', (e) => view.render(e.detail.state, e.detail))
  connection.addEventListener('status', () => { if (connection.state) view.votes.render(connection.state) })
  let deleted = false
  connection.addEventListener('authfailed', () => {
    localStorage.removeItem(tokenKey(code))
    localStorage.removeItem(outboxKey(code))
    if (!deleted) location.reload()
  })
  const onDeleted = (data) => {
    deleted = true
    localStorage.removeItem(tokenKey(code))
    localStorage.removeItem(outboxKey(code))
    showDeleted(data?.message)
  }
  const start = () => {
    connection.start()
    connection.addEventListener('deleted', (e) => onDeleted(e.detail))
  }

  if (savedToken) {
    start()
    return
  }

  let board
  try {
    board = await findBoard(code)
  } catch (err) {
    if (err.status === 404) return askForCode(`We cannot find a workshop with the code ${code}. Check the code and try again.`)
    return askForCode(err.message)
  }
  $('.js-join-title').textContent = board.title
  document.title = `Join ${board.title} – changeboard`
  show('join-view')
  start()
  new JoinForm($('.js-join-form'), {
    onSubmit: async ({ name, group }) => {
      const ack = await connection.joinWithCode({ code, name, group })
      localStorage.setItem(tokenKey(code), ack.token)
      announce('You have joined the workshop.')
      // Start the board from the top, with the screen reader on its title.
      const $title = $('#board-title')
      $title.setAttribute('tabindex', '-1')
      window.scrollTo(0, 0)
      $title.focus({ preventScroll: true })
    }
  })
}

main()
