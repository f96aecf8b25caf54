// The facilitator's dot vote, in two halves. On the left the vote now:
// while one is open, how many have voted, "Close the vote" (after a
// confirmation) and a dot for someone without a phone; otherwise the form
// for the next vote, on themes, statements, root causes or ideas. On the
// right what came of the votes: the latest results with what to carry
// forward, and every earlier vote folded into one line that opens again.
//
// The console has one VoteConsole; it sits in the Prioritise view, and in
// the vote dialog at every other stage (VoteStrip opens it).

import { cardsIn, currentRound, hasResults, itemInfo, itemLabel, openRound, themesOf } from '../board-state.js'
import { plural } from '../dom.js'
import { html, nothing, ref, render, repeat } from '../lit.js'
import { allowed } from '../policy.js'
import { CATEGORIES, personLabel } from '../words.js'
import { CarryForward } from './carry-forward.js'
import { CheckboxPicker } from './checkbox-picker.js'
import { ResultsChart, resultsLine, resultsTemplate } from './results-chart.js'
import { showButton } from './wall-panel.js'

const NOUNS = { themes: 'theme', statements: 'statement', causes: 'root cause', ideas: 'idea' }
const PICKER_IDS = { themes: 'vote-theme', statements: 'pick', causes: 'vote-cause', ideas: 'vote-idea' }

/** A dot recorded by the facilitator for someone without a phone. */
class ProxyVote {
  constructor ({ connection, announce, onChange }) {
    this.connection = connection
    this.announce = announce
    this.onChange = onChange
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
    return html`<details class="cb-proxy">
      <summary class="cb-proxy__summary">Record a dot for someone without a phone</summary>
      ${people.length
        ? html`<div class="cb-proxy__body">
            <div class="cb-form-row">
              <div class="cb-form-group">
                <label class="cb-label" for="proxy-person">Person</label>
                <select class="cb-select" id="proxy-person">
                  <option value="">Choose a person</option>
                  ${people.map((p) => html`<option value=${p.id}>${personLabel(p)}</option>`)}
                </select>
              </div>
              <div class="cb-form-group cb-form-group--grow">
                <label class="cb-label" for="proxy-item">Their dot goes on</label>
                <select class="cb-select" id="proxy-item">
                  <option value="">Choose an item</option>
                  ${round.items.map((id) => html`<option value=${id}>${itemLabel(itemInfo(state, id)).slice(0, 90)}</option>`)}
                </select>
              </div>
            </div>
            <p class="cb-error-message js-proxy-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
            <p class="cb-proxy__done js-proxy-done" ?hidden=${!this.done}>${this.done ?? ''}</p>
            <div class="cb-button-group">
              <button type="button" class="cb-button" @click=${(e) => this.#send(e, 'vote', round)}>Add their dot</button>
              <button type="button" class="cb-button cb-button--secondary" @click=${(e) => this.#send(e, 'unvote', round)}>Take one of their dots back</button>
            </div>
          </div>`
        : html`<p class="cb-hint">Nobody has joined yet. Add someone without a phone under “People”, then record their dots here.</p>`}
    </details>`
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
}

export class VoteConsole {
  /**
   * @param {HTMLElement} $root  where the vote goes (the view or dialog moves it)
   * @param {object} options  connection, announce, dialog (ConfirmDialog), tools (Tools)
   */
  constructor ($root, { connection, announce, dialog, tools }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.dialog = dialog
    this.tools = tools
    this.on = null // what the next vote is on; null until the facilitator picks
    this.error = null
    this.roundError = null
    this.busy = false
    this.folded = new Set() // rounds whose results are put away (the room moved on)
    this.proxy = new ProxyVote({ connection, announce, onChange: () => this.refresh() })
    this.pickers = {}
    this.results = null
    this.carry = null
    this.state = null
  }

  /** themes, statements, causes or ideas */
  get voteOn () {
    return this.on ?? ((this.state?.themes ?? []).length ? 'themes' : 'statements')
  }

  get #inDialog () {
    return Boolean(this.$root.closest('dialog'))
  }

  #chosen () {
    return this.pickers[this.voteOn]?.chosen() ?? []
  }

  refresh () {
    if (this.state) this.render(this.state)
  }

  /** Fold away the results of votes the room has moved on from. */
  stageChanged (state) {
    for (const round of state.rounds) if (round.status !== 'open') this.folded.add(round.id)
  }

  /** Show the vote (in its dialog, unless a view holds it). */
  show () {
    if (this.#inDialog) this.tools.open('vote', { focus: '.js-vote-focus' })
    else this.$root.querySelector('.js-vote-focus')?.focus()
  }

  /** Open the form on root causes or ideas with these ticked (from the stage views). */
  openOn (kind, ids) {
    if (openRound(this.state)) {
      this.announce('A vote is already open. Close it before opening another.')
      return this.show()
    }
    this.on = kind
    this.refresh()
    this.pickers[kind].tick(ids)
    const $title = this.$root.querySelector('#round-title')
    if ($title.value === 'Dot vote' || /^Dot vote on (root causes|ideas)$/.test($title.value)) {
      $title.value = kind === 'ideas' ? 'Dot vote on ideas' : 'Dot vote on root causes'
    }
    if (this.#inDialog) this.tools.open('vote', { focus: '#round-title' })
    else $title.focus()
    this.announce(`The vote form is ready with ${plural(ids.length, NOUNS[kind])} ticked. Check the settings, then open the vote.`)
  }

  render (state) {
    this.state = state
    const open = openRound(state)
    const past = [...state.rounds].filter((r) => r.status !== 'open').reverse()
    const latest = currentRound(state)
    const earlier = past.filter((r) => r !== latest || this.folded.has(r.id))
    render(html`<div class="cb-vote">
      <section class="cb-vote__now cb-scroll" aria-labelledby="vote-heading">
        <h2 id="vote-heading" class="js-vote-focus" tabindex="-1">${open ? 'The vote now' : 'Open a dot vote'}</h2>
        <div class="js-round-panel">${open ? this.#open(state, open) : nothing}</div>
        ${open || allowed(this.connection, 'open_round', state) ? nothing : html`<p class="cb-hint">A dot vote can be opened from ${this.#firstVotingStage()} on.</p>`}
        ${this.#form(state, Boolean(open) || !allowed(this.connection, 'open_round', state))}
      </section>
      <section class="cb-vote__results cb-scroll" aria-labelledby="results-heading">
        <h2 id="results-heading">Results</h2>
        ${past.length ? nothing : html`<p class="cb-hint">No vote has closed yet. Results show here.</p>`}
        ${latest && latest.status !== 'open' ? this.#closed(state, latest) : nothing}
        <div class="cb-fac-results js-results" ${ref((el) => { if (el && !this.results) this.results = new ResultsChart(el) })}></div>
        <div class="js-carry" ${ref((el) => {
          if (el && !this.carry) this.carry = new CarryForward(el, { connection: this.connection, announce: this.announce })
        })}></div>
        ${earlier.length ? html`<h3>Earlier votes</h3>${repeat(earlier, (r) => r.id, (r) => this.#fold(state, r))}` : nothing}
      </section>
    </div>`, this.$root)
    const showLatest = latest && latest.status !== 'open' && !this.folded.has(latest.id)
    this.results.render(state, showLatest && hasResults(latest) ? latest : (open && hasResults(open) ? open : null))
    this.carry.render(state, showLatest ? latest : null)
    this.#renderPickers(state)
  }

  #firstVotingStage () {
    const stages = this.connection.policy?.open_round?.facilitator?.stages
    return this.connection.stages.find((s) => stages?.includes(s.stage))?.title ?? 'a later stage'
  }

  #open (state, round) {
    const people = state.participants?.count ?? 0
    return html`<div class="cb-round-status">
      <h3>${round.title || 'Dot vote'}</h3>
      <p class="cb-round-status__state js-round-state">${round.blind ? 'Open. Votes are secret.' : 'Open. Everyone sees the dots.'}</p>
      <p class="cb-round-status__progress js-round-progress"><strong class="cb-round-status__count">${round.voters ?? 0} of ${people}</strong> ${people === 1
        ? 'person has' : 'people have'} voted. ${plural(round.dots_cast ?? 0, 'dot')} used. ${plural(round.items.length, 'item')}, ${plural(round.dots_per_person, 'dot')} each, up to ${round.max_per_item} on one item.</p>
      <div class="cb-button-group">
        <button type="button" class="cb-button cb-button--warning js-close" ?disabled=${this.busy} @click=${() => this.#close(round)}>Close the vote</button>
        ${showButton(state, { kind: 'round', id: round.id }, this)}
      </div>
      <p class="cb-error-message js-round-error" ?hidden=${!this.roundError}>${this.roundError ?? ''}</p>
      ${this.proxy.template(state, round)}
      ${hasResults(round) ? nothing : html`<details class="cb-round-items-box"><summary>What people are voting on (${round.items.length})</summary>
        <ul class="cb-round-items">${round.items.map((id) => html`<li>${itemLabel(itemInfo(state, id))}</li>`)}</ul></details>`}
    </div>`
  }

  #closed (state, round) {
    if (this.folded.has(round.id)) return nothing
    return html`<div class="cb-round-status">
      <h3>${round.title || 'Dot vote'}</h3>
      <p class="cb-round-status__state js-round-state">${hasResults(round)
        ? (round.status === 'revealed' ? 'Closed. Results shown to everyone.' : 'Closed.')
        : 'Closed. Results not shown yet.'}</p>
      <p>${plural(round.voters ?? 0, 'person', 'people')} voted. ${plural(round.dots_cast ?? 0, 'dot')} in all.</p>
      <div class="cb-button-group">
        ${round.status === 'closed' && round.blind
          ? html`<button type="button" class="cb-button js-reveal" ?disabled=${this.busy}
              @click=${() => this.#command({ type: 'reveal_round', round_id: round.id }, 'The results are showing on every screen.')}>Show the results</button>`
          : nothing}
        <button type="button" class="cb-button cb-button--secondary js-fold" @click=${() => { this.folded.add(round.id); this.refresh() }}>Fold these results away</button>
        ${showButton(state, { kind: 'round', id: round.id }, this)}
      </div>
      <p class="cb-error-message js-round-error" ?hidden=${!this.roundError}>${this.roundError ?? ''}</p>
    </div>`
  }

  #fold (state, round) {
    return html`<details class="cb-round-fold" data-round=${round.id}>
      <summary class="cb-round-fold__summary"><strong>${round.title || 'Dot vote'}</strong> · ${plural(round.voters ?? 0, 'person', 'people')} voted · ${hasResults(round)
        ? resultsLine(state, round) : 'results not shown'}</summary>
      <div class="cb-round-fold__body">${resultsTemplate(state, round)}</div>
    </details>`
  }

  async #close (round) {
    const people = this.state.participants?.count ?? 0
    const yes = await this.dialog.ask({
      title: `Close “${round.title || 'Dot vote'}”?`,
      body: html`<p>${round.voters ?? 0} of ${people} have voted. Once it is closed, nobody can add or take back a dot.</p>
        ${round.blind ? html`<p>The results stay hidden until you show them.</p>` : nothing}`,
      yes: 'Yes, close the vote',
      no: 'Keep it open',
      danger: true
    })
    if (yes) await this.#command({ type: 'close_round', round_id: round.id }, 'The vote is closed.')
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
    const choice = (value, title, shown = true) => shown
      ? html`<div class="cb-choice cb-choice--radio cb-choice--inline">
          <input class="cb-choice__input" type="radio" name="vote-on" id="vote-on-${value}" value=${value}
            .checked=${on === value} @change=${() => { this.on = value; this.refresh() }}>
          <label class="cb-choice__label" for="vote-on-${value}"><span class="cb-choice__title">${title}</span></label>
        </div>`
      : nothing
    const pickerRoot = (kind) => ref((el) => {
      if (!el || this.pickers[kind]) return
      const options = { idPrefix: PICKER_IDS[kind], onChange: () => this.refresh() }
      if (kind === 'statements') Object.assign(options, { titleClass: 'cb-picker__text', itemClass: 'cb-picker__item' })
      this.pickers[kind] = new CheckboxPicker(el, options)
    })
    return html`<form class="cb-open-form js-open-form" novalidate ?hidden=${hidden} @submit=${(e) => this.#openRound(e)}>
      <fieldset class="cb-fieldset cb-fieldset--inline">
        <legend>Vote on</legend>
        ${choice('themes', 'Themes')}
        ${choice('statements', 'Statements')}
        ${choice('causes', 'Root causes', (state.causes ?? []).length > 0)}
        ${choice('ideas', 'Ideas', (state.ideas ?? []).some((i) => i.kind !== 'in place'))}
      </fieldset>
      <div class="cb-open-form__grid">
        <div class="cb-open-form__pick">
          ${Object.keys(NOUNS).map((kind) => html`<div class="cb-open-form__picker cb-scroll js-${kind === 'themes' ? 'theme' : kind === 'statements' ? 'statement' : 'outcome'}-picker ${kind === 'statements' ? 'js-picker' : ''}"
            ?hidden=${on !== kind} ${pickerRoot(kind)}></div>`)}
          <p class="cb-chosen js-chosen-count">${ids.length ? `${plural(ids.length, NOUNS[on])} chosen.` : 'Nothing chosen yet.'}</p>
        </div>
        <div class="cb-open-form__settings">
          <div class="cb-form-group">
            <label class="cb-label" for="round-title">Name of the vote</label>
            <input class="cb-input" id="round-title" type="text" maxlength="120" value="Dot vote">
          </div>
          <div class="cb-form-group">
            <label class="cb-label" for="round-blind">Who sees the dots while people vote?</label>
            <select class="cb-select" id="round-blind" aria-describedby="round-blind-hint">
              <option value="blind" selected>Nobody, until I show the results</option>
              <option value="live">Everyone, as the dots go on</option>
            </select>
            <p class="cb-hint" id="round-blind-hint">Nobody is best: then nobody follows the crowd.</p>
          </div>
          <div class="cb-form-row">
            <div class="cb-form-group">
              <label class="cb-label" for="round-dots">Dots per person</label>
              <div class="cb-input-hint">
                <input class="cb-input cb-input--narrow" id="round-dots" type="number" min="1" max="20" value="5"
                       inputmode="numeric" aria-describedby="round-dots-hint">
                <p class="cb-hint" id="round-dots-hint">1 to 20</p>
              </div>
            </div>
            <div class="cb-form-group">
              <label class="cb-label" for="round-max">Most dots on one item</label>
              <div class="cb-input-hint">
                <input class="cb-input cb-input--narrow" id="round-max" type="number" min="1" max="20" value="2"
                       inputmode="numeric" aria-describedby="round-max-hint">
                <p class="cb-hint" id="round-max-hint">1 to 20</p>
              </div>
            </div>
          </div>
          <div class="cb-choice cb-choice--checkbox">
            <input class="cb-choice__input" type="checkbox" id="round-remind" aria-describedby="round-remind-hint">
            <label class="cb-choice__label" for="round-remind"><span class="cb-choice__title">Remind people to use all their dots</span>
              <span class="cb-choice__hint" id="round-remind-hint">Phones show a gentle note while dots are left.</span></label>
          </div>
          <div class="cb-sticky-actions">
            <p class="cb-error-message js-open-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
            <button type="submit" class="cb-button js-open-button" ?disabled=${this.busy}>Open the vote</button>
          </div>
        </div>
      </div>
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
    this.pickers.statements.render(statementGroups(state))
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

  async #openRound (event) {
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
        blind: $form.querySelector('#round-blind').value !== 'live',
        remind_unused: $form.querySelector('#round-remind').checked
      })
      this.announce(`The vote is open on ${plural(items.length, noun)}.`)
      this.pickers[on].clear()
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

/**
 * A one-line bar a stage's view shows while a vote needs the facilitator:
 * open (how many have voted), or closed with its results not shown yet.
 */
export class VoteStrip {
  constructor ({ vote }) {
    this.vote = vote
  }

  template (state) {
    const round = currentRound(state)
    if (!round || (round.status === 'revealed') || (round.status === 'closed' && !round.blind)) return nothing
    const people = state.participants?.count ?? 0
    return html`<div class="cb-vote-strip js-vote-strip" role="region" aria-label="The dot vote">
      <p class="cb-vote-strip__text"><strong>${round.title || 'Dot vote'}:</strong> ${round.status === 'open'
        ? `open, ${round.voters ?? 0} of ${people} have voted.` : 'closed, results not shown yet.'}</p>
      <button type="button" class="cb-button cb-button--secondary" aria-haspopup="dialog" @click=${() => this.vote.show()}>See the vote</button>
    </div>`
  }
}
