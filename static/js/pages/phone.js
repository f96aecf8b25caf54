// The participant's phone: join by code, then the board: the stage, the
// timer and dots left in the dock, a dot vote when there is one, and the
// stage's own view from STAGE_VIEWS (stages/<stage>/phone.js).

import { findBoard } from '../api.js'
import { boot } from '../boot.js'
import { currentRound, dotsLeft, dotsSpent, hasResults } from '../board-state.js'
import { JoinForm, RejoinForm, normaliseCode, switchBack } from '../components/phone-join.js'
import { PhoneVote } from '../components/phone-vote.js'
import { YouSheet } from '../components/phone-you.js'
import { Countdown } from '../countdown.js'
import { DevicePeople } from '../device-people.js'
import { keepClearOfBanner, keepClearOfDock } from '../dock-space.js'
import { plural } from '../dom.js'
import { html, render } from '../lit.js'
import { MovingFlags } from '../moving-flags.js'
import { ReadAloud } from '../read-aloud.js'
import { allowed } from '../policy.js'
import { DeviceSettings } from '../settings.js'
import { atOrAfter, stageInfo } from '../stage-list.js'
import { StageViews } from '../stages/index.js'
import { MoveSheet } from '../stages/theme/phone.js'
import { GROUPS } from '../words.js'

const $ = (selector) => document.querySelector(selector)

function codeFromPath () {
  const match = location.pathname.match(/^\/join\/([^/]+)/)
  return match ? normaliseCode(decodeURIComponent(match[1])) : ''
}

const signedOutKey = (code) => `changeboard:signed-out:${code}`
// Someone signed themselves out of this device ("Sign me out of this device"): said on the join page.
const leftKey = (code) => `changeboard:left:${code}`

/** A rejoin code in the address (`#rejoin=K7P4MX`, from a QR code), taken out of it. */
function rejoinFromFragment () {
  const found = new URLSearchParams(location.hash.replace(/^#/, '')).get('rejoin')
  if (found !== null) history.replaceState(null, '', location.pathname + location.search)
  return normaliseCode(found ?? '')
}

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

// ---- the board ---------------------------------------------------------------

class BoardView {
  constructor (connection, announce, readAloud) {
    this.connection = connection
    this.announce = announce
    this.countdown = new Countdown($('.js-timer'), {
      now: () => connection.serverNow(),
      announce,
      onPhase: () => this.vote.refresh()
    })
    this.vote = new PhoneVote($('.js-round'), { connection, countdown: this.countdown, readAloud, announce })
    const flags = new MovingFlags(connection)
    const sheet = new MoveSheet($('.js-move-sheet'), { flags, onChoose: (card, themeId, title) => this.#move(card, themeId, title) })
    this.stages = new StageViews($('.js-stage-views'), 'phone', { connection, announce, readAloud, flags, sheet })
    this.$dots = $('.js-dots-left')
    this.previous = null
    // Your own rating and answers come only in your own copy of an event;
    // keep them here so someone else's event never takes them off your screen.
    this.mine = { ratings: new Map(), feedback: undefined }
  }

  async #move (card, themeId, title) {
    const state = this.connection.state
    if (!allowed(this.connection, 'move_statement', state)) {
      await this.connection.send({ type: 'suggest_move', statement_id: card.id, theme_id: themeId })
      this.announce(`Suggestion sent: move it to ${title}. The facilitator will decide.`)
    } else {
      await this.connection.send({ type: 'move_statement', statement_id: card.id, theme_id: themeId })
      this.announce(themeId ? `Moved to ${title}.` : 'Moved back to “Not in a theme”.')
    }
  }

  render (state, { snapshot, events = [] }) {
    show('board-view')
    state = this.#withMine(state, events)
    document.title = `${state.title} – changeboard`
    $('.js-board-title').textContent = state.title
    const stages = this.connection.stages
    const stage = stageInfo(stages, state.stage)
    $('.js-stage-step').textContent = `Step ${stage.number} of ${stages.length}`
    $('.js-stage-title').textContent = stage.title
    $('.js-stage-summary').textContent = stage.summary
    this.countdown.render(state.timer)
    const round = currentRound(state)
    // On the second day a page opened afresh starts with the day's work, not
    // the first day's results.
    const moved = events.some((e) => e.type === 'stage_set') || (snapshot && atOrAfter(stages, state.stage, 'understand'))
    if (moved && round && round.status !== 'open') this.vote.putAway = round.id
    this.vote.render(state, round)
    this.stages.render(state, { snapshot, events })
    this.#dock(state)
    const you = state.you ?? this.connection.you
    $('.js-you').textContent = you
      ? `You joined as ${you.name ? `${you.name}, ` : ''}${GROUPS.find((g) => g.value === you.group)?.label.toLowerCase() ?? you.group}.`
      : ''
    if (!snapshot && this.previous) this.#announceChanges(this.previous, state)
    this.previous = state
  }

  #withMine (state, events) {
    const take = (source) => {
      for (const row of source?.grid ?? []) {
        if ('mine' in row) this.mine.ratings.set(row.idea_id, row.mine)
      }
      if (source?.feedback && 'mine' in source.feedback) this.mine.feedback = source.feedback.mine
    }
    for (const event of events) take(event)
    if (!events.length) take(state) // a snapshot is projected for you
    const grid = (state.grid ?? []).map((row) =>
      'mine' in row || !this.mine.ratings.has(row.idea_id) ? row : { ...row, mine: this.mine.ratings.get(row.idea_id) })
    const feedback = state.feedback && !('mine' in state.feedback) && this.mine.feedback !== undefined
      ? { ...state.feedback, mine: this.mine.feedback }
      : state.feedback
    return { ...state, grid, feedback }
  }

  #dock (state) {
    const round = currentRound(state)
    const open = round?.status === 'open'
    this.$dots.hidden = !open
    if (open) {
      const left = dotsLeft(round)
      render(html`<span class="cb-dock__number">${left}</span> ${left === 1 ? 'dot' : 'dots'} left of ${round.dots_per_person}`, this.$dots)
      this.$dots.dataset.left = String(left)
    }
  }

  #announceChanges (before, after) {
    const announce = this.announce
    if (before.stage !== after.stage) {
      announce(`The workshop has moved on to: ${stageInfo(this.connection.stages, after.stage).title}.`)
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
    focusTitle()
  })
  update()
}

function focusTitle () {
  const $title = $('#board-title')
  $title.setAttribute('tabindex', '-1')
  $title.focus({ preventScroll: true })
}

// The board is gone: say so plainly, in place of everything else.
function showDeleted (message, announce) {
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
  keepClearOfDock($('.js-dock'))
  keepClearOfBanner($('.js-connection'))
  const code = codeFromPath()
  const people = code ? new DevicePeople(code) : null
  const rejoinCode = code ? rejoinFromFragment() : ''
  // A rejoin link is someone signing in here: whoever was current stays on
  // the device's list, to switch back to.
  const savedToken = rejoinCode ? null : (people?.current ?? null)
  const mine = () => connection.token ?? savedToken
  const { connection, announce, start } = boot({
    token: savedToken,
    outboxKey: savedToken ? people.outboxKey(savedToken) : null,
    // Messages leave the dock after a while, so it does not cover the page for long.
    clearAfter: 12000,
    onFatal: (error) => {
      if (mine()) people.forget(mine())
      // Said on the join page after the reload: why this device is no longer signed in.
      if (error?.code === 'bad_token') sessionStorage.setItem(signedOutKey(code), '1')
      location.reload()
    },
    onDeleted: (data) => { if (mine()) people.forget(mine()); showDeleted(data.message, announce) }
  })
  new DeviceSettings($('.js-settings'), { announce })
  if (!code) return askForCode()
  const view = new BoardView(connection, announce, new ReadAloud())
  const sheet = new YouSheet($('.js-you-sheet'), {
    connection,
    people,
    announce,
    signedOut: () => {
      sessionStorage.setItem(leftKey(code), '1')
      location.reload()
    }
  })
  $('.js-you-open').addEventListener('click', () => sheet.show())
  $('.js-you-other-device').addEventListener('click', () => sheet.show('code'))
  connection.addEventListener('state', (e) => {
    if (e.detail.snapshot && connection.you && connection.token) {
      // Keep the name by the token, for the list of people on this device.
      people.remember({ token: connection.token, you: connection.you })
    }
    $('.js-you-open').hidden = false
    view.render(e.detail.state, e.detail)
  })
  connection.addEventListener('status', () => view.vote.refresh())

  if (savedToken) return start()

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
  switchBack($('.js-switch-back'), people)
  if (sessionStorage.getItem(signedOutKey(code))) {
    sessionStorage.removeItem(signedOutKey(code))
    $('.js-signed-out').hidden = false
    $('.js-rejoin').open = true
  }
  if (sessionStorage.getItem(leftKey(code))) {
    sessionStorage.removeItem(leftKey(code))
    $('.js-left').hidden = false
    announce('You are signed out of this phone or tablet. Your dots are kept.')
  }
  start()
  const signedIn = (ack, message) => {
    people.remember({ token: ack.token, you: ack.you, rejoin: ack.rejoin })
    connection.useOutbox(people.outboxKey(ack.token))
    announce(message)
    // Start the board from the top, with the screen reader on its title.
    window.scrollTo(0, 0)
    focusTitle()
  }
  new JoinForm($('.js-join-form'), {
    announce,
    onSubmit: async ({ name, group }) => {
      signedIn(await connection.joinWithCode({ code, name, group }), 'You have joined the workshop.')
    }
  })
  const rejoin = new RejoinForm($('.js-rejoin'), {
    announce,
    onSubmit: async (rejoinWith) => {
      const ack = await connection.rejoinWithCode({ code, rejoin: rejoinWith })
      signedIn(ack, 'Welcome back. You are signed in as yourself, with everything you did before.')
    }
  })
  if (rejoinCode) rejoin.submit(rejoinCode)
}

main()
