// The facilitator's dot vote: the open vote (how many have voted, close it,
// show the results, a dot for someone without a phone), the results and
// what to carry forward, and the form to open the next vote on themes,
// statements, root causes or ideas.

import { cardsIn, currentRound, hasResults, itemInfo, itemLabel, openRound, themesOf } from '../board-state.js'
import { plural } from '../dom.js'
import { html, nothing, ref, render } from '../lit.js'
import { CATEGORIES } from '../words.js'
import { CarryForward } from './carry-forward.js'
import { CheckboxPicker } from './checkbox-picker.js'
import { personLabel } from './people-panel.js'
import { ResultsChart } from './results-chart.js'

const NOUNS = { themes: 'theme', statements: 'statement', causes: 'root cause', ideas: 'idea' }

/** A dot recorded by the facilitator for someone without a phone. */
class ProxyVote {
  constructor ({ connection, announce }) {
    this.connection = connection
    this.announce = announce
    this.error = null
    this.done = null
    this.roundId = null
  }

  template (state, round) {
    if (round.id !== this.roundId) {
      this.roundId = round.id
      this.error = null
      this.done = null
    }
    const people = state.participants?.people ?? []
    return html`<div class="js-proxy"><details class="cb-proxy">
      <summary class="cb-proxy__summary">Record a dot for someone without a phone</summary>
      ${people.length
        ? html`<div class="cb-proxy__body">
            <div class="cb-form-group">
              <label class="cb-label" for="proxy-person">Person</label>
              <select class="cb-select" id="proxy-person">
                <option value="">Choose a person</option>
                ${people.map((p) => html`<option value=${p.id}>${personLabel(p)}</option>`)}
              </select>
            </div>
            <div class="cb-form-group">
              <label class="cb-label" for="proxy-item">Their dot goes on</label>
              <select class="cb-select" id="proxy-item">
                <option value="">Choose an item</option>
                ${round.items.map((id) => html`<option value=${id}>${itemLabel(itemInfo(state, id)).slice(0, 90)}</option>`)}
              </select>
            </div>
            <p class="cb-error-message js-proxy-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
            <p class="cb-proxy__done js-proxy-done" ?hidden=${!this.done}>${this.done ?? ''}</p>
            <div class="cb-button-group">
              <button type="button" class="cb-button" @click=${(e) => this.#send(e, 'vote', round)}>Add their dot</button>
              <button type="button" class="cb-button cb-button--secondary" @click=${(e) => this.#send(e, 'unvote', round)}>Take one of their dots back</button>
            </div>
          </div>`
        : html`<p class="cb-hint">Nobody has joined yet. Add someone without a phone under “People”, then record their dots here.</p>`}
    </details></div>`
  }

  async #send (event, type, round) {
    const $body = event.currentTarget.closest('.cb-proxy__body')
    const $person = $body.querySelector('#proxy-person')
    const person = $person.value
    const item = $body.querySelector('#proxy-item').value
    this.error = null
    this.done = null
    const problem = !person ? 'Choose the person first.' : !item ? 'Choose what their dot goes on.' : null
    if (problem) {
      this.error = problem
      this.announce(problem)
      return this.onChange()
    }
    this.onChange()
    try {
      await this.connection.send({ type, round_id: round.id, item, for_participant: person })
      const name = $person.selectedOptions[0]?.text ?? 'them'
      this.done = type === 'vote' ? `Dot recorded for ${name}.` : `One dot taken back for ${name}.`
      this.announce(this.done)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
    }
    this.onChange()
  }

  onChange () {}
}

export class VoteConsole {
  /**
   * @param {HTMLElement} $root  where the vote goes
   * @param {object} options  connection, announce, statements (the page's statement CheckboxPicker)
   */
  constructor ($root, { connection, announce, statements }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.statements = statements
    this.on = null // what the next vote is on; null until the facilitator picks
    this.error = null
    this.roundError = null
    this.busy = false
    this.proxy = new ProxyVote({ connection, announce })
    this.proxy.onChange = () => this.refresh()
    this.pickers = {}
    this.results = null
    this.carry = null
    this.state = null
    statements.onChange = () => this.refresh()
  }

  /** themes, statements, causes or ideas */
  get voteOn () {
    return this.on ?? ((this.state?.themes ?? []).length ? 'themes' : 'statements')
  }

  #picker (on) {
    return on === 'statements' ? this.statements : this.pickers[on]
  }

  #chosen () {
    return this.#picker(this.voteOn)?.chosen() ?? []
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  /** Open the form on root causes or ideas with these ticked (from the stage views). */
  openOn (kind, ids) {
    if (openRound(this.state)) {
      this.announce('A vote is already open. Close it before opening another.')
      this.$root.querySelector('#vote-heading')?.scrollIntoView({ block: 'start' })
      return
    }
    this.on = kind
    this.refresh()
    this.pickers[kind].tick(ids)
    const $title = this.$root.querySelector('#round-title')
    if ($title.value === 'Dot vote' || /^Dot vote on (root causes|ideas)$/.test($title.value)) {
      $title.value = kind === 'ideas' ? 'Dot vote on ideas' : 'Dot vote on root causes'
    }
    this.$root.querySelector('.js-open-form').scrollIntoView({ block: 'start' })
    $title.focus({ preventScroll: true })
    this.announce(`The vote form is ready with ${plural(ids.length, NOUNS[kind])} ticked. Check the settings, then open the vote.`)
  }

  render (state) {
    this.state = state
    const round = currentRound(state)
    const open = openRound(state)
    render(html`<h2 id="vote-heading">Voting</h2>
      <div class="js-round-panel">${round ? this.#round(state, round) : html`<p class="cb-hint">No vote yet.</p>`}</div>
      <div class="cb-fac-results js-results" ${ref((el) => { if (el && !this.results) this.results = new ResultsChart(el) })}></div>
      <div class="js-carry" ${ref((el) => {
        if (el && !this.carry) this.carry = new CarryForward(el, { connection: this.connection, announce: this.announce })
      })}></div>
      ${this.#form(state, Boolean(open))}`, this.$root)
    this.results.render(state, round && hasResults(round) ? round : null)
    this.carry.render(state, round)
    this.#renderPickers(state)
  }

  #round (state, round) {
    const people = state.participants?.count ?? 0
    const status = round.status === 'open'
      ? (round.blind ? 'Open. Votes are secret.' : 'Open. Everyone sees the dots.')
      : round.status === 'closed'
        ? (hasResults(round) ? 'Closed.' : 'Closed. Results not shown yet.')
        : 'Closed. Results shown to everyone.'
    return html`<div class="cb-round-status">
      <h3>${round.title || 'Dot vote'}</h3>
      <p class="cb-round-status__state js-round-state">${status}</p>
      <p class="cb-round-status__progress js-round-progress"><strong>${round.voters ?? 0} of ${people}</strong> ${people === 1
        ? 'person has' : 'people have'} voted. ${plural(round.dots_cast ?? 0, 'dot')} used. ${plural(round.items.length, 'item')}, ${plural(round.dots_per_person, 'dot')} each, up to ${round.max_per_item} on one item.</p>
      ${hasResults(round) ? nothing : html`<ul class="cb-round-items">${round.items.map((id) => html`<li>${itemLabel(itemInfo(state, id))}</li>`)}</ul>`}
      <div class="cb-button-group">
        ${round.status === 'open'
          ? html`<button type="button" class="cb-button cb-button--warning js-close" ?disabled=${this.busy}
              @click=${() => this.#command({ type: 'close_round', round_id: round.id }, 'The vote is closed.')}>Close the vote</button>`
          : nothing}
        ${round.status === 'closed' && round.blind
          ? html`<button type="button" class="cb-button js-reveal" ?disabled=${this.busy}
              @click=${() => this.#command({ type: 'reveal_round', round_id: round.id }, 'The results are showing on every screen.')}>Show the results</button>`
          : nothing}
      </div>
      ${round.status === 'open' ? this.proxy.template(state, round) : nothing}
      <p class="cb-error-message js-round-error" ?hidden=${!this.roundError}>${this.roundError ?? ''}</p>
    </div>`
  }

  async #command (command, done) {
    this.busy = true
    this.roundError = null
    this.refresh()
    try {
      await this.connection.send(command)
      this.announce(done)
    } catch (err) {
      this.roundError = err?.message ?? 'That did not work.'
    } finally {
      this.busy = false
      this.refresh()
    }
  }

  #form (state, hidden) {
    const on = this.voteOn
    const ids = this.#chosen()
    const noun = NOUNS[on]
    const choice = (value, title, shown = true) => shown
      ? html`<div class="cb-choice cb-choice--radio">
          <input class="cb-choice__input" type="radio" name="vote-on" id="vote-on-${value}" value=${value}
            .checked=${on === value} @change=${() => { this.on = value; this.refresh() }}>
          <label class="cb-choice__label" for="vote-on-${value}"><span class="cb-choice__title">${title}</span></label>
        </div>`
      : nothing
    const pickerRoot = (kind) => ref((el) => {
      if (!el || this.pickers[kind]) return
      this.pickers[kind] = new CheckboxPicker(el, { idPrefix: `vote-${kind === 'themes' ? 'theme' : kind === 'causes' ? 'cause' : 'idea'}`, onChange: () => this.refresh() })
    })
    return html`<form class="cb-open-form js-open-form" novalidate ?hidden=${hidden} @submit=${(e) => this.#open(e)}>
      <h3>Open a dot vote</h3>
      <fieldset class="cb-fieldset">
        <legend>Vote on</legend>
        ${choice('themes', 'Themes')}
        ${choice('statements', 'Statements')}
        ${choice('causes', 'Root causes', (state.causes ?? []).length > 0)}
        ${choice('ideas', 'Ideas', (state.ideas ?? []).some((i) => i.kind !== 'in place'))}
      </fieldset>
      <div class="js-theme-picker" ?hidden=${on !== 'themes'} ${pickerRoot('themes')}></div>
      <div class="js-outcome-picker" ?hidden=${on !== 'causes'} ${pickerRoot('causes')}></div>
      <div class="js-outcome-picker" ?hidden=${on !== 'ideas'} ${pickerRoot('ideas')}></div>
      <p class="cb-hint js-statements-hint" ?hidden=${on !== 'statements'}>Tick the statements to vote on in the list below, then open the vote.</p>
      <p class="cb-chosen js-chosen-count">${ids.length ? `${plural(ids.length, noun)} chosen.` : 'Nothing chosen yet.'}</p>
      <div class="cb-form-group">
        <label class="cb-label" for="round-title">Name of the vote</label>
        <input class="cb-input" id="round-title" type="text" maxlength="120" value="Dot vote">
      </div>
      <div class="cb-form-row">
        <div class="cb-form-group">
          <label class="cb-label" for="round-dots">Dots per person</label>
          <p class="cb-hint" id="round-dots-hint">1 to 20</p>
          <input class="cb-input cb-input--narrow" id="round-dots" type="number" min="1" max="20" value="5"
                 inputmode="numeric" aria-describedby="round-dots-hint">
        </div>
        <div class="cb-form-group">
          <label class="cb-label" for="round-max">Most dots on one item</label>
          <p class="cb-hint" id="round-max-hint">1 to 20</p>
          <input class="cb-input cb-input--narrow" id="round-max" type="number" min="1" max="20" value="2"
                 inputmode="numeric" aria-describedby="round-max-hint">
        </div>
      </div>
      <fieldset class="cb-fieldset">
        <legend>Who sees the dots while people vote?</legend>
        <div class="cb-choice cb-choice--radio">
          <input class="cb-choice__input" type="radio" name="blind" id="round-blind" value="blind" checked
                 aria-describedby="round-blind-hint">
          <label class="cb-choice__label" for="round-blind">
            <span class="cb-choice__title">Nobody, until I show the results</span>
            <span class="cb-choice__hint" id="round-blind-hint">Recommended. Stops people following the crowd.</span>
          </label>
        </div>
        <div class="cb-choice cb-choice--radio">
          <input class="cb-choice__input" type="radio" name="blind" id="round-live" value="live">
          <label class="cb-choice__label" for="round-live"><span class="cb-choice__title">Everyone, as the dots go on</span></label>
        </div>
      </fieldset>
      <div class="cb-choice cb-choice--checkbox">
        <input class="cb-choice__input" type="checkbox" id="round-remind" aria-describedby="round-remind-hint">
        <label class="cb-choice__label" for="round-remind">
          <span class="cb-choice__title">Remind people to use all their dots</span>
          <span class="cb-choice__hint" id="round-remind-hint">Phones show a gentle note while dots are left.</span>
        </label>
      </div>
      <p class="cb-error-message js-open-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
      <button type="submit" class="cb-button js-open-button" ?disabled=${this.busy}>Open the vote</button>
    </form>`
  }

  #renderPickers (state) {
    this.pickers.themes.render({
      legend: 'Tick the themes to vote on',
      empty: 'No themes yet. Make themes in the theming stage first.',
      groups: CATEGORIES.map((category) => ({
        key: category.value,
        title: category.title,
        items: themesOf(state, category.value).map((t) => ({
          id: t.id,
          title: t.title,
          hint: `${t.i_statement ? `“${t.i_statement}” · ` : ''}${plural(cardsIn(state, category.value, t.id).length, 'card')}`
        }))
      }))
    })
    const carried = new Set(state.carried ?? [])
    const causes = (state.causes ?? []).filter((c) => carried.has(c.theme_id))
    this.pickers.causes.render({
      legend: 'Tick the root causes to vote on',
      intro: `${plural(causes.length, 'cause')} to choose from.`,
      empty: 'No root causes yet.',
      groups: [{ key: 'causes', title: null, items: causes.map((c) => ({ id: c.id, title: c.text })) }]
    })
    const ideas = (state.ideas ?? []).filter((i) => i.kind !== 'in place')
    this.pickers.ideas.render({
      legend: 'Tick the ideas to vote on',
      intro: `${plural(ideas.length, 'idea')} to choose from.`,
      empty: 'No ideas yet.',
      groups: [{ key: 'ideas', title: null, items: ideas.map((i) => ({ id: i.id, title: i.text })) }]
    })
  }

  async #open (event) {
    event.preventDefault()
    const $form = event.currentTarget
    const on = this.voteOn
    const items = this.#chosen()
    const noun = NOUNS[on]
    const dots = Number($form.querySelector('#round-dots').value)
    const most = Number($form.querySelector('#round-max').value)
    const problem = !items.length
      ? `Tick at least one ${noun} to vote on.`
      : !(Number.isInteger(dots) && dots >= 1 && dots <= 20)
          ? 'Dots per person must be a whole number from 1 to 20.'
          : !(Number.isInteger(most) && most >= 1 && most <= 20)
              ? 'Most dots on one item must be a whole number from 1 to 20.'
              : null
    this.error = problem
    if (problem) {
      this.announce(problem)
      return this.refresh()
    }
    this.busy = true
    this.refresh()
    try {
      await this.connection.send({
        type: 'open_round',
        title: $form.querySelector('#round-title').value.trim() || 'Dot vote',
        items,
        dots_per_person: dots,
        max_per_item: most,
        blind: $form.querySelector('input[name="blind"]:checked')?.value !== 'live',
        remind_unused: $form.querySelector('#round-remind').checked
      })
      this.announce(`The vote is open on ${plural(items.length, noun)}.`)
      this.#picker(on).clear()
    } catch (err) {
      this.error = err?.message ?? 'The vote did not open.'
    } finally {
      this.busy = false
      this.refresh()
    }
  }
}

/** The board's statements as the picker's groups, one fold per question. */
export function statementGroups (state) {
  return {
    collapsible: true,
    groups: CATEGORIES.map((category) => {
      const mine = state.statements.filter((s) => s.category === category.value)
      return {
        key: category.value,
        title: category.title,
        className: `cb-category cb-category--${category.value.replace(/\s+/g, '-')}`,
        open: state.statements.length <= 30,
        items: mine.map((s) => {
          const meta = [s.review, s.person, s.source === 'participant' ? 'written on a phone' : null,
            s.priority ? `priority ${s.priority}` : null].filter(Boolean).join(' · ')
          return {
            id: s.id,
            title: s.text,
            hint: meta || s.hidden
              ? html`${s.hidden ? html`<span class="cb-tag">Hidden</span>` : nothing}${s.hidden && meta ? ' ' : ''}${meta}`
              : null
          }
        })
      }
    })
  }
}
