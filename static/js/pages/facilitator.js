// The facilitator console: stages, import, dot votes, results, people, and
// the second day (root causes to feedback) in one panel per stage.

import { Announcer } from '../announcer.js'
import { boardIdFromPath, fragmentParams, importStatements, joinUrl, qrUrl } from '../api.js'
import { cardsIn, currentRound, hasResults, itemInfo, itemLabel, openRound, themesOf } from '../board-state.js'
import { CarryForward } from '../carry-forward.js'
import { DataPanel } from '../components/data-panel.js'
import { CausesPanel } from '../components/fac-causes.js'
import { FeedbackPanel } from '../components/fac-feedback.js'
import { IdeasPanel } from '../components/fac-ideas.js'
import { InvestPanel } from '../components/fac-invest.js'
import { PlanPanel } from '../components/fac-plan.js'
import { SuccessPanel } from '../components/fac-success.js'
import { UndoPanel } from '../components/fac-undo.js'
import { OutcomePicker } from '../components/fac-vote-items.js'
import { Connection } from '../connection.js'
import { ConnectionBanner } from '../connection-banner.js'
import { h, plural, rebuild, replaceChildren } from '../dom.js'
import { LinksPanel } from '../links-panel.js'
import { MovingFlags } from '../moving-flags.js'
import { ResultsChart } from '../results-chart.js'
import { applySettings } from '../settings.js'
import { CATEGORIES, GROUPS, STAGES, VOTING_STAGES, groupLabel, stageInfo } from '../stages.js'
import { ThemingWorkspace } from '../theming-workspace.js'
import { TimerControls } from '../timer-controls.js'

applySettings()
const $ = (selector) => document.querySelector(selector)
const announcer = new Announcer($('#status'), { clearAfter: 8000 })
const announce = (message) => announcer.announce(message)

// ---- stage bar ---------------------------------------------------------------

class StageBar {
  constructor ($root, connection) {
    this.$root = $root
    this.connection = connection
    this.$prev = $root.querySelector('.js-stage-prev')
    this.$next = $root.querySelector('.js-stage-next')
    this.$confirm = $root.querySelector('.js-stage-confirm')
    this.$question = $root.querySelector('.js-stage-question')
    this.target = null
    this.$prev.addEventListener('click', () => this.ask(-1))
    this.$next.addEventListener('click', () => this.ask(+1))
    $root.querySelector('.js-stage-cancel').addEventListener('click', () => this.cancel())
    $root.querySelector('.js-stage-yes').addEventListener('click', () => this.move())
  }

  render (state) {
    const stage = stageInfo(state.stage)
    this.stage = stage
    this.$root.querySelector('.js-stage-step').textContent = `Stage ${stage.number} of ${STAGES.length}:`
    this.$root.querySelector('.js-stage-title').textContent = stage.title
    this.$root.querySelector('.js-stage-summary').textContent = stage.summary
    replaceChildren(this.$root.querySelector('.js-stage-list'), STAGES.map((s, i) =>
      h('li', {
        className: `cb-stage-list__item${i < stage.index ? ' cb-stage-list__item--done' : ''}${i === stage.index ? ' cb-stage-list__item--current' : ''}`,
        attrs: { 'aria-current': i === stage.index ? 'step' : null }
      }, s.title, i === stage.index ? h('span', { className: 'cb-visually-hidden', text: ' (now)' }) : null)))
    const prev = STAGES[stage.index - 1]
    const next = STAGES[stage.index + 1]
    this.$prev.hidden = !prev
    this.$next.hidden = !next
    if (prev) this.$prev.textContent = `← Back to ${prev.title}`
    if (next) this.$next.textContent = `Move on to ${next.title} →`
    this.$root.querySelector('.js-stage-next-summary').textContent = next
      ? `What comes next: ${next.title}. ${next.summary}`
      : 'This is the last stage.'
    if (this.target && this.target.stage === state.stage) this.cancel(false)
  }

  ask (step) {
    const target = STAGES[this.stage.index + step]
    if (!target) return
    this.target = target
    this.$question.textContent = step > 0
      ? `Move everyone on to ${target.title}?`
      : `Go back to ${target.title}?`
    this.$root.querySelector('.js-stage-yes').textContent = step > 0 ? `Yes, move on to ${target.title}` : `Yes, go back to ${target.title}`
    this.$confirm.hidden = false
    this.$confirm.focus()
  }

  cancel (focus = true) {
    this.target = null
    this.$confirm.hidden = true
    if (focus) this.$next.focus()
  }

  async move () {
    if (!this.target) return
    const stage = this.target.stage
    this.$confirm.hidden = true
    const $error = this.$root.querySelector('.js-stage-error')
    $error.hidden = true
    try {
      await this.connection.send({ type: 'set_stage', stage })
      announce(`The board is now at ${stageInfo(stage).title}.`)
    } catch (err) {
      // The connection announced it too; this keeps it by the buttons.
      $error.textContent = err?.message ?? 'The stage did not change.'
      $error.hidden = false
    }
    this.target = null
    this.$next.focus()
  }
}

// ---- statements with checkboxes ----------------------------------------------

class StatementPicker {
  constructor ($root, { onChange }) {
    this.$root = $root
    this.onChange = onChange
    this.shown = -1
    $root.addEventListener('change', () => onChange(this.chosen()))
  }

  chosen () {
    return [...this.$root.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value)
  }

  clear () {
    for (const $box of this.$root.querySelectorAll('input[type="checkbox"]:checked')) $box.checked = false
    this.onChange([])
  }

  render (statements) {
    const key = `${statements.length}:${statements.filter((s) => s.hidden).length}`
    if (key === this.shown) return
    this.shown = key
    const chosen = new Set(this.chosen())
    const open = new Set([...this.$root.querySelectorAll('details[open]')].map((d) => d.dataset.category))
    replaceChildren(this.$root, CATEGORIES.map((category) => {
      const mine = statements.filter((s) => s.category === category.value)
      if (!mine.length) return null
      const slug = category.value.replace(/\s+/g, '-')
      return h('details', {
        className: `cb-category cb-category--${slug}`,
        dataset: { category: category.value },
        open: open.has(category.value) || statements.length <= 30
      },
      h('summary', { className: 'cb-category__summary' },
        h('span', { className: 'cb-category__title', text: category.title }),
        h('span', { className: 'cb-category__count', text: ` (${mine.length})` })),
      h('div', { className: 'cb-picker__list' }, mine.map((s) => {
        const id = `pick-${s.id}`
        const meta = [s.review, s.person, s.source === 'participant' ? 'written on a phone' : null, s.priority ? `priority ${s.priority}` : null].filter(Boolean).join(' · ')
        return h('div', { className: 'cb-choice cb-choice--checkbox cb-picker__item' },
          h('input', { className: 'cb-choice__input', type: 'checkbox', id, value: s.id, checked: chosen.has(s.id) }),
          h('label', { className: 'cb-choice__label', htmlFor: id },
            h('span', { className: 'cb-picker__text', text: s.text }),
            meta || s.hidden ? h('span', { className: 'cb-choice__hint' }, s.hidden ? h('span', { className: 'cb-tag', text: 'Hidden' }) : null, s.hidden && meta ? ' ' : '', meta) : null))
      })))
    }))
  }
}

// ---- the vote ------------------------------------------------------------------

class ThemePicker {
  constructor ($root, { onChange }) {
    this.$root = $root
    this.onChange = onChange
    this.key = null
    $root.addEventListener('change', () => onChange(this.chosen()))
  }

  chosen () {
    return [...this.$root.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value)
  }

  clear () {
    for (const $box of this.$root.querySelectorAll('input[type="checkbox"]:checked')) $box.checked = false
    this.onChange([])
  }

  render (state) {
    const key = JSON.stringify([state.themes, state.statements.map((s) => s.theme_id)])
    if (key === this.key) return
    this.key = key
    rebuild(this.$root, () => {
      if (!(state.themes ?? []).length) return h('p', { className: 'cb-hint', text: 'No themes yet. Make themes in the theming stage first.' })
      return h('fieldset', { className: 'cb-fieldset' },
        h('legend', { text: 'Tick the themes to vote on' }),
        CATEGORIES.map((category) => {
          const themes = themesOf(state, category.value)
          if (!themes.length) return null
          return h('div', { className: 'cb-theme-picker__group' },
            h('p', { className: 'cb-label', text: category.title }),
            themes.map((t) => {
              const id = `vote-theme-${t.id}`
              const count = cardsIn(state, category.value, t.id).length
              return h('div', { className: 'cb-choice cb-choice--checkbox' },
                h('input', { className: 'cb-choice__input', type: 'checkbox', id, value: t.id }),
                h('label', { className: 'cb-choice__label', htmlFor: id },
                  h('span', { className: 'cb-choice__title', text: t.title }),
                  h('span', { className: 'cb-choice__hint', text: `${t.i_statement ? `“${t.i_statement}” · ` : ''}${plural(count, 'card')}` })))
            }))
        }))
    })
  }
}

/** A dot recorded by the facilitator for someone without a phone. */
class ProxyVote {
  constructor ($root, { connection }) {
    this.$root = $root
    this.connection = connection
    this.key = null
    $root.addEventListener('click', (e) => {
      const $button = e.target.closest('[data-proxy]')
      if ($button) this.#send($button.dataset.proxy)
    })
  }

  render (state, round) {
    const people = state.participants?.people ?? []
    if (!round || round.status !== 'open') {
      this.key = null
      replaceChildren(this.$root)
      return
    }
    const key = JSON.stringify([round.id, people, state.themes])
    if (key === this.key) return
    this.key = key
    this.round = round
    rebuild(this.$root, () => h('details', { className: 'cb-proxy', dataset: { key: 'proxy' } },
      h('summary', { className: 'cb-proxy__summary', text: 'Record a dot for someone without a phone' }),
      people.length
        ? h('div', { className: 'cb-proxy__body' },
          h('div', { className: 'cb-form-group' },
            h('label', { className: 'cb-label', htmlFor: 'proxy-person', text: 'Person' }),
            h('select', { className: 'cb-select', id: 'proxy-person' },
              h('option', { value: '', text: 'Choose a person' }),
              people.map((p) => h('option', { value: p.id, text: `${p.name || 'No name given'} (${groupLabel(p.group)})` })))),
          h('div', { className: 'cb-form-group' },
            h('label', { className: 'cb-label', htmlFor: 'proxy-item', text: 'Their dot goes on' }),
            h('select', { className: 'cb-select', id: 'proxy-item' },
              h('option', { value: '', text: 'Choose an item' }),
              round.items.map((id) => h('option', { value: id, text: itemLabel(itemInfo(state, id)).slice(0, 90) })))),
          h('p', { className: 'cb-error-message js-proxy-error', hidden: true }),
          h('p', { className: 'cb-proxy__done js-proxy-done', hidden: true }),
          h('div', { className: 'cb-button-group' },
            h('button', { type: 'button', className: 'cb-button', dataset: { proxy: 'vote', key: 'proxy-vote' }, text: 'Add their dot' }),
            h('button', { type: 'button', className: 'cb-button cb-button--secondary', dataset: { proxy: 'unvote', key: 'proxy-unvote' }, text: 'Take one of their dots back' })))
        : h('p', { className: 'cb-hint', text: 'Nobody has joined yet. Ask them to join once, even on a borrowed phone, so their group counts.' })))
  }

  async #send (type) {
    const person = this.$root.querySelector('#proxy-person')?.value
    const item = this.$root.querySelector('#proxy-item')?.value
    const $error = this.$root.querySelector('.js-proxy-error')
    const $done = this.$root.querySelector('.js-proxy-done')
    $error.hidden = true
    $done.hidden = true
    const problem = !person ? 'Choose the person first.' : !item ? 'Choose what their dot goes on.' : null
    if (problem) {
      $error.textContent = problem
      $error.hidden = false
      announce(problem)
      return
    }
    try {
      await this.connection.send({ type, round_id: this.round.id, item, for_participant: person })
      const name = this.$root.querySelector('#proxy-person').selectedOptions[0]?.text ?? 'them'
      $done.textContent = type === 'vote' ? `Dot recorded for ${name}.` : `One dot taken back for ${name}.`
      $done.hidden = false
      announce($done.textContent)
    } catch (err) {
      $error.textContent = err?.message ?? 'That did not work.'
      $error.hidden = false
    }
  }
}

class VoteConsole {
  constructor (connection, picker) {
    this.connection = connection
    this.picker = picker
    this.$panel = $('.js-round-panel')
    this.$form = $('.js-open-form')
    this.$error = $('.js-open-error')
    this.results = new ResultsChart($('.js-results'))
    this.themes = new ThemePicker($('.js-theme-picker'), { onChange: () => this.chosenChanged() })
    this.outcomes = new OutcomePicker($('.js-outcome-picker'), { onChange: () => this.chosenChanged() })
    this.$proxy = h('div', { className: 'js-proxy' })
    this.proxy = new ProxyVote(this.$proxy, { connection })
    this.carry = new CarryForward($('.js-carry'), { connection, announce })
    this.voteOnTouched = false
    this.$form.addEventListener('submit', (e) => this.open(e))
    this.$form.addEventListener('change', (e) => {
      if (e.target.name === 'vote-on') {
        this.voteOnTouched = true
        this.#voteOn()
      }
    })
  }

  get onThemes () {
    return this.voteOnValue === 'themes'
  }

  /** themes, statements, causes or ideas */
  get voteOnValue () {
    return this.$form.querySelector('input[name="vote-on"]:checked')?.value ?? 'statements'
  }

  get #onOutcomes () {
    return this.voteOnValue === 'causes' || this.voteOnValue === 'ideas'
  }

  #chosen () {
    if (this.#onOutcomes) return this.outcomes.chosen()
    return this.onThemes ? this.themes.chosen() : this.picker.chosen()
  }

  #noun () {
    return { themes: 'theme', causes: 'root cause', ideas: 'idea' }[this.voteOnValue] ?? 'statement'
  }

  #voteOn () {
    const on = this.voteOnValue
    $('.js-theme-picker').hidden = on !== 'themes'
    $('.js-statements-hint').hidden = on !== 'statements'
    $('.js-outcome-picker').hidden = !this.#onOutcomes
    if (this.#onOutcomes && this.state) this.outcomes.render(this.state, on)
    this.chosenChanged()
  }

  chosenChanged () {
    const ids = this.#chosen()
    $('.js-chosen-count').textContent = ids.length ? `${plural(ids.length, this.#noun())} chosen.` : 'Nothing chosen yet.'
  }

  /** Open the form on root causes or ideas with these ticked (from the stage panels). */
  openOn (kind, ids) {
    if (!this.$form.hidden) {
      this.voteOnTouched = true
      this.$form.querySelector(`#vote-on-${kind}`).checked = true
      this.#voteOn()
      this.outcomes.tick(ids)
      const $title = $('#round-title')
      if ($title.value === 'Dot vote' || /^Dot vote on (root causes|ideas)$/.test($title.value)) {
        $title.value = kind === 'ideas' ? 'Dot vote on ideas' : 'Dot vote on root causes'
      }
      this.$form.scrollIntoView({ block: 'start' })
      $title.focus({ preventScroll: true })
      announce(`The vote form is ready with ${plural(ids.length, this.#noun())} ticked. Check the settings, then open the vote.`)
    } else {
      announce('A vote is already open. Close it before opening another.')
      $('#vote-heading').scrollIntoView({ block: 'start' })
    }
  }

  render (state) {
    this.state = state
    const round = currentRound(state)
    const open = openRound(state)
    this.$form.hidden = Boolean(open)
    $('.js-vote-on-causes').hidden = !(state.causes ?? []).length
    $('.js-vote-on-ideas').hidden = !(state.ideas ?? []).some((i) => i.kind !== 'in place')
    if (this.#onOutcomes) this.outcomes.render(state, this.voteOnValue)
    if (!this.voteOnTouched) {
      const themes = (state.themes ?? []).length > 0
      this.$form.querySelector(themes ? '#vote-on-themes' : '#vote-on-statements').checked = true
      this.#voteOn()
    }
    this.themes.render(state)
    if (!VOTING_STAGES.has(state.stage) && !open) {
      $('.js-open-button').textContent = 'Open the vote'
    }
    if (!round) {
      replaceChildren(this.$panel, h('p', { className: 'cb-hint', text: 'No vote yet.' }))
      this.results.render(state, null)
      this.carry.render(state, null)
      return
    }
    const people = state.participants?.count ?? 0
    const status = round.status === 'open'
      ? (round.blind ? 'Open. Votes are secret.' : 'Open. Everyone sees the dots.')
      : round.status === 'closed'
        ? (hasResults(round) ? 'Closed.' : 'Closed. Results not shown yet.')
        : 'Closed. Results shown to everyone.'
    const buttons = []
    if (round.status === 'open') {
      buttons.push(this.#button('Close the vote', 'cb-button--warning js-close', () => this.#command({ type: 'close_round', round_id: round.id }, 'The vote is closed.')))
    }
    if (round.status === 'closed' && round.blind) {
      buttons.push(this.#button('Show the results', 'js-reveal', () => this.#command({ type: 'reveal_round', round_id: round.id }, 'The results are showing on every screen.')))
    }
    this.proxy.render(state, round)
    const focusKey = document.activeElement?.dataset?.key
    replaceChildren(this.$panel,
      h('div', { className: 'cb-round-status' },
        h('h3', { text: round.title || 'Dot vote' }),
        h('p', { className: 'cb-round-status__state js-round-state', text: status }),
        h('p', { className: 'cb-round-status__progress js-round-progress' },
          h('strong', { text: `${round.voters ?? 0} of ${people}` }), ` ${people === 1 ? 'person has' : 'people have'} voted. `,
          `${plural(round.dots_cast ?? 0, 'dot')} used. `,
          `${plural(round.items.length, 'item')}, ${plural(round.dots_per_person, 'dot')} each, up to ${round.max_per_item} on one item.`),
        hasResults(round) ? null : h('ul', { className: 'cb-round-items' }, round.items.map((id) => h('li', { text: itemLabel(itemInfo(state, id)) }))),
        buttons.length ? h('div', { className: 'cb-button-group' }, buttons) : null,
        this.$proxy,
        h('p', { className: 'cb-error-message js-round-error', hidden: true })))
    if (focusKey) this.$panel.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true })
    this.results.render(state, hasResults(round) ? round : null)
    this.carry.render(state, round)
  }

  #button (text, classes, onClick) {
    const $button = h('button', { type: 'button', className: `cb-button ${classes}`, text })
    $button.addEventListener('click', async () => {
      $button.disabled = true
      await onClick()
      $button.disabled = false
    })
    return $button
  }

  async #command (command, done) {
    try {
      await this.connection.send(command)
      announce(done)
    } catch (err) {
      const $error = this.$panel.querySelector('.js-round-error')
      if ($error) {
        $error.textContent = err?.message ?? 'That did not work.'
        $error.hidden = false
      }
    }
  }

  async open (event) {
    event.preventDefault()
    this.$error.hidden = true
    const onThemes = this.onThemes
    const items = this.#chosen()
    const noun = this.#noun()
    const dots = Number($('#round-dots').value)
    const most = Number($('#round-max').value)
    const problem = !items.length
      ? `Tick at least one ${noun} to vote on.`
      : !(Number.isInteger(dots) && dots >= 1 && dots <= 20)
          ? 'Dots per person must be a whole number from 1 to 20.'
          : !(Number.isInteger(most) && most >= 1 && most <= 20)
              ? 'Most dots on one item must be a whole number from 1 to 20.'
              : null
    if (problem) {
      this.$error.textContent = problem
      this.$error.hidden = false
      announce(problem)
      return
    }
    const command = {
      type: 'open_round',
      title: $('#round-title').value.trim() || 'Dot vote',
      items,
      dots_per_person: dots,
      max_per_item: most,
      blind: this.$form.querySelector('input[name="blind"]:checked')?.value !== 'live',
      remind_unused: $('#round-remind').checked
    }
    const $button = $('.js-open-button')
    $button.disabled = true
    try {
      await this.connection.send(command)
      announce(`The vote is open on ${plural(items.length, noun)}.`)
      if (onThemes) this.themes.clear()
      else if (this.#onOutcomes) this.outcomes.clear()
      else this.picker.clear()
    } catch (err) {
      this.$error.textContent = err?.message ?? 'The vote did not open.'
      this.$error.hidden = false
    } finally {
      $button.disabled = false
    }
  }
}

// ---- import ----------------------------------------------------------------------

class Importer {
  constructor ($root, { boardId, token }) {
    this.$root = $root
    this.boardId = boardId
    this.token = token
    this.$file = $root.querySelector('.js-import-file')
    this.$preview = $root.querySelector('.js-import-preview')
    this.$button = $root.querySelector('.js-import-button')
    this.$result = $root.querySelector('.js-import-result')
    this.$progress = $root.querySelector('.js-import-progress')
    this.text = null
    this.$file.addEventListener('change', () => this.check())
    this.$button.addEventListener('click', () => this.import())
  }

  async check () {
    this.$button.hidden = true
    this.$result.hidden = true
    replaceChildren(this.$preview)
    const file = this.$file.files?.[0]
    if (!file) return
    this.text = await file.text()
    const rows = Math.max(0, this.text.split(/\r?\n/).filter((line) => line.trim()).length - 1)
    this.#progress(`Checking ${plural(rows, 'row')}…`)
    try {
      const report = await importStatements(this.boardId, this.token, this.text, { dryRun: true })
      this.#preview(report)
    } catch (err) {
      replaceChildren(this.$preview, h('p', { className: 'cb-error-message', text: err.message }))
      announce(err.message)
    } finally {
      this.#progress(null)
    }
  }

  #progress (text) {
    this.$progress.hidden = !text
    this.$root.querySelector('.js-import-progress-text').textContent = text ?? ''
    if (text) announce(text)
  }

  #preview (report) {
    const byCategory = report.by_category ?? {}
    const total = Object.values(byCategory).reduce((a, b) => a + b, 0)
    const refused = report.refused ?? []
    replaceChildren(this.$preview,
      h('h3', { text: 'Check before importing' }),
      h('p', { className: 'js-preview-summary', text: `${plural(total, 'statement')} can be imported. ${plural(refused.length, 'row')} will be left out.` }),
      h('ul', { className: 'cb-import-counts' }, CATEGORIES.map((c) =>
        h('li', { text: `${c.title}: ${byCategory[c.value] ?? 0}` }))),
      refused.length ? this.#refusedTable(refused) : null)
    this.$button.textContent = `Import ${plural(total, 'statement')}`
    this.$button.hidden = total === 0
    announce(`${plural(total, 'statement')} ready to import. ${plural(refused.length, 'row')} left out.`)
  }

  #refusedTable (refused) {
    return h('table', { className: 'cb-table js-refused' },
      h('caption', { text: 'Rows that will be left out' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Line' }), h('th', { scope: 'col', text: 'Why' }))),
      h('tbody', {}, refused.map((r) => h('tr', {}, h('td', { text: String(r.line) }), h('td', { text: r.reason })))))
  }

  async import () {
    if (!this.text) return
    this.$button.disabled = true
    this.#progress(`Importing… ${this.$button.textContent.replace(/^Import /, '')}`)
    try {
      const report = await importStatements(this.boardId, this.token, this.text)
      const message = `${report.imported ?? 0} imported, ${(report.refused ?? []).length} refused.`
      this.$result.textContent = message
      this.$result.hidden = false
      this.$button.hidden = true
      replaceChildren(this.$preview, (report.refused ?? []).length ? this.#refusedTable(report.refused) : null)
      this.$file.value = ''
      announce(message)
    } catch (err) {
      this.$result.textContent = err.message
      this.$result.hidden = false
      announce(err.message)
    } finally {
      this.$button.disabled = false
      this.$progress.hidden = true
    }
  }
}

// ---- invite and people -------------------------------------------------------------

function renderInvite (state, boardId) {
  $('.js-join-code').textContent = state.join_code
  const link = joinUrl(state.join_code)
  const $link = $('.js-join-link')
  $link.href = link
  $link.textContent = link
  const $qr = $('.js-qr')
  if (!$qr.getAttribute('src')) $qr.src = qrUrl(boardId)
}

function renderPresence (presence) {
  const byGroup = presence?.by_group ?? {}
  $('.js-presence').textContent = `Here now: ${plural(presence?.connected ?? 0, 'person', 'people')}.`
  replaceChildren($('.js-presence-groups'), GROUPS.filter((g) => byGroup[g.value]).map((g) =>
    h('li', { text: `${g.label}: ${byGroup[g.value]}` })))
}

// ---- cards written on phones (collect) ------------------------------------------

class CardsPanel {
  constructor ($root, connection) {
    this.$root = $root
    this.connection = connection
    this.$hide = $root.querySelector('.js-hide-new')
    this.$reveal = $root.querySelector('.js-reveal-cards')
    this.$error = $root.querySelector('.js-cards-error')
    this.$hide.addEventListener('click', () => {
      const hide = this.$hide.getAttribute('aria-pressed') !== 'true'
      this.#send({ type: 'set_card_visibility', hide_new: hide },
        hide ? 'New cards stay hidden until you show them.' : 'New cards show to everyone straight away.')
    })
    this.$reveal.addEventListener('click', () => this.#send({ type: 'reveal_cards' }, 'Hidden cards are now shown to everyone.'))
  }

  render (state) {
    const hidden = state.statements.filter((s) => s.hidden).length
    this.$root.hidden = !(state.stage === 'collect' || hidden > 0)
    this.$hide.setAttribute('aria-pressed', String(Boolean(state.hide_new_cards)))
    this.$reveal.hidden = hidden === 0
    this.$reveal.textContent = `Show hidden cards (${hidden})`
  }

  async #send (command, done) {
    this.$error.hidden = true
    try {
      await this.connection.send(command)
      announce(done)
    } catch (err) {
      this.$error.textContent = err?.message ?? 'That did not work.'
      this.$error.hidden = false
    }
  }
}

function renderPeople (state) {
  const participants = state.participants ?? { count: 0, by_group: {} }
  $('.js-people-count').textContent = `${plural(participants.count, 'person', 'people')} joined.`
  replaceChildren($('.js-people-groups'), GROUPS.map((g) =>
    h('li', { text: `${g.label}: ${participants.by_group?.[g.value] ?? 0}` })))
  const people = participants.people ?? []
  replaceChildren($('.js-people-list'), people.length
    ? people.map((p) => h('li', {}, h('span', { text: p.name || 'No name given' }), ` – ${groupLabel(p.group)}`))
    : h('li', { text: 'Nobody yet.' }))
}

// ---- start -------------------------------------------------------------------------

const DAY_TWO = new Set(['understand', 'success', 'ideas', 'invest', 'plan', 'reflect'])

/** Show the panel(s) for the room's stage; each rebuilds only when its data changed. */
function renderStagePanels (state, panels) {
  for (const $section of document.querySelectorAll('.js-stage-panel')) {
    $section.hidden = !$section.dataset.stage.split(' ').includes(state.stage)
  }
  for (const panel of panels) {
    if (!panel.$root.closest('.js-stage-panel').hidden) panel.render(state)
  }
}

/** The board was deleted (here or on another screen): say so across the page. */
function boardDeleted (message, deletedHere) {
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

function fatal (message) {
  $('.js-loading').hidden = true
  $('.js-board').hidden = true
  $('.js-fatal').hidden = false
  if (message) $('.js-fatal-message').textContent = message
}

function main () {
  const boardId = boardIdFromPath()
  const params = fragmentParams()
  const token = params.get('t')
  if (!boardId || !token) return fatal('This address has no facilitator key in it. Use the full facilitator link.')
  const connection = new Connection({ token, outboxKey: `changeboard:outbox:facilitator:${boardId}`, announce })
  new ConnectionBanner($('.js-connection'), connection, { announce, noun: 'changes' })
  const stageBar = new StageBar($('.js-stagebar'), connection)
  let vote = null
  const picker = new StatementPicker($('.js-picker'), { onChange: (ids) => vote?.chosenChanged(ids) })
  vote = new VoteConsole(connection, picker)
  const panelOptions = { connection, announce }
  const stagePanels = [
    new CausesPanel($('.js-causes'), { ...panelOptions, onVote: (ids) => vote.openOn('causes', ids) }),
    new SuccessPanel($('.js-success'), panelOptions),
    new IdeasPanel($('.js-ideas'), { ...panelOptions, onVote: (ids) => vote.openOn('ideas', ids) }),
    new InvestPanel($('.js-invest'), panelOptions),
    new PlanPanel($('.js-plan'), panelOptions),
    new FeedbackPanel($('.js-feedback'), panelOptions)
  ]
  const undo = new UndoPanel($('.js-undo'), panelOptions)
  new Importer($('.js-import'), { boardId, token })
  const timer = new TimerControls($('.js-timer-section'), { connection, announce })
  const cards = new CardsPanel($('.js-cards-section'), connection)
  const flags = new MovingFlags(connection)
  const workspace = new ThemingWorkspace($('.js-workspace'), { connection, flags, announce })
  new LinksPanel($('.js-links'), { boardId, token, announce })
  let dataPanel = null
  let boardGone = false
  connection.addEventListener('state', ({ detail: { state } }) => (dataPanel ??= new DataPanel($('#js-data-panel'), { boardId, token, announce })).update(state))

  let previous = null
  connection.addEventListener('state', ({ detail: { state, events } }) => {
    if (boardGone) return
    $('.js-loading').hidden = true
    $('.js-board').hidden = false
    undo.take(events, previous)
    undo.render(state)
    undo.seed()
    renderStagePanels(state, stagePanels)
    document.title = `${state.title} – facilitator – changeboard`
    $('.js-board-title').textContent = state.title
    stageBar.render(state)
    timer.render(state)
    cards.render(state)
    $('.js-theming-section').hidden = state.stage !== 'theme'
    if (state.stage === 'theme') workspace.render(state)
    picker.render(state.statements)
    $('.js-statements-empty').hidden = state.statements.length > 0
    $('.js-import').hidden = DAY_TWO.has(state.stage)
    vote.render(state)
    renderInvite(state, boardId)
    renderPeople(state)
    if (previous && previous.statements.length < state.statements.length) {
      announce(`${plural(state.statements.length - previous.statements.length, 'statement')} added.`)
    }
    if (previous && (state.suggestions ?? []).length > (previous.suggestions ?? []).length) {
      announce('A participant suggested moving a card.')
    }
    previous = state
  })
  connection.addEventListener('presence', ({ detail }) => renderPresence(detail))
  connection.addEventListener('authfailed', ({ detail }) => { if (!boardGone) fatal(detail?.error?.message) })
  connection.start()
  connection.addEventListener('deleted', ({ detail: data }) => {
    boardGone = true
    boardDeleted(data?.message, dataPanel?.deleted)
  })
}

main()
