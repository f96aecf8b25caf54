// A dot vote on a phone: the rule, whether it is secret, each item with its
// read-aloud and big "Add a dot" / "Take back" buttons, your dots (and any
// still waiting to send), then the results once they are shown.
//
// Taps never wait for the server: a dot queued offline shows as waiting,
// and a tap that would break the rule is said, not sent.

import { dotsSpent, hasResults, itemInfo, itemLabel, itemTotal } from '../board-state.js'
import { plural } from '../dom.js'
import { html, nothing, ref, render, repeat } from '../lit.js'
import { ResultsChart } from './results-chart.js'

export class PhoneVote {
  /**
   * @param {HTMLElement} $root  the section the vote goes in
   * @param {object} options  connection, countdown (Countdown), readAloud, announce
   */
  constructor ($root, { connection, countdown, readAloud, announce }) {
    this.$root = $root
    this.connection = connection
    this.countdown = countdown
    this.readAloud = readAloud
    this.announce = announce
    this.results = null
    this.state = null
    this.round = null
    this.putAway = null // a closed round whose results the room has moved on from
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

  render (state, round) {
    this.state = state
    this.round = round
    // Results of a vote the room has moved on from are put away (as on the
    // wall), so the new stage's work is at the top of a small screen.
    const hidden = !round || (round.status !== 'open' && round.id === this.putAway)
    this.$root.hidden = hidden
    if (hidden) {
      render(nothing, this.$root)
      return
    }
    const open = round.status === 'open'
    render(html`<h2 id="round-heading" class="js-round-title">${round.title || 'Dot vote'}</h2>
      <div class="cb-round__notes js-round-notes">${this.#notes(round)}</div>
      <ol class="cb-vote-list js-vote-list" ?hidden=${!open}>${open ? this.#items(state, round) : nothing}</ol>
      <div class="js-round-results" ${ref((el) => { if (el && !this.results) this.results = new ResultsChart(el) })}></div>`,
    this.$root)
    this.results.render(state, open ? null : round)
  }

  /** Draw again from the last state (the outbox or the clock changed). */
  refresh () {
    if (this.state) this.render(this.state, this.round)
  }

  #notes (round) {
    if (round.status === 'open' && this.countdown.stoppedVoting(round.id)) {
      return html`<p class="cb-notice cb-notice--stop js-stopped">Voting has stopped. Time is up.</p>`
    }
    if (round.status === 'open') {
      const spent = this.#spent(round)
      const unused = round.dots_per_person - spent
      const remind = round.remind_unused && unused > 0 && spent > 0
      return html`<p class="cb-round__rule">You have ${plural(round.dots_per_person, 'dot')} to spend. You can put up to ${plural(round.max_per_item, 'dot')} on one thing.</p>
        ${round.blind
          ? html`<p class="cb-notice">Votes are secret. You will see the results when the facilitator shows them.</p>`
          : html`<p class="cb-notice">Everyone can see the dots as they are added.</p>`}
        <p class="cb-round__remind js-remind" ?hidden=${!remind}>You still have ${plural(unused, 'dot')} to use.</p>`
    }
    if (round.status === 'closed' && !hasResults(round)) {
      return html`<p class="cb-notice">Voting has closed. The results will show here when the facilitator shares them.</p>`
    }
    return html`<p class="cb-notice">Voting has closed. ${plural(round.voters ?? 0, 'person', 'people')} voted. Here are the results.</p>`
  }

  #spent (round) {
    return dotsSpent(round) + Object.values(this.waiting(round)).reduce((a, b) => a + b, 0)
  }

  #items (state, round) {
    const waiting = this.waiting(round)
    const spent = this.#spent(round)
    const stopped = this.countdown.stoppedVoting(round.id)
    return repeat(round.items, (item) => item, (item) => {
      const info = itemInfo(state, item)
      const text = itemLabel(info)
      const textId = `vote-text-${item}`
      const mine = round.mine?.[item] ?? 0
      const wait = waiting[item] ?? 0
      const canAdd = !stopped && spent < round.dots_per_person && mine + wait < round.max_per_item
      const canBack = !stopped && mine + wait > 0
      const dots = Array.from({ length: Math.max(round.max_per_item, mine) }, (_, i) => i < mine)
      return html`<li class="cb-vote ${mine > 0 ? 'cb-vote--chosen' : ''}" data-item=${item}>
        ${info.kind === 'theme'
          ? html`<div class="cb-vote__text" id=${textId}><p class="cb-vote__title">${info.title}</p>${info.text
              ? html`<p class="cb-vote__i-statement">“${info.text}”</p>` : nothing}</div>`
          : html`<p class="cb-vote__text" id=${textId}>${text}</p>`}
        ${this.readAloud?.button(text) ?? nothing}
        <p class="cb-vote__mine js-mine"><span class="cb-vote__dots" aria-hidden="true">${dots.map((on) => html`<span
          class="cb-dot ${on ? 'cb-dot--mine' : ''}"></span>`)}</span><span>${mine === 0 ? 'No dots from you yet' : `You put ${plural(mine, 'dot')} here`}</span>${wait
          ? html`<span class="cb-vote__waiting"> (${wait > 0 ? '+' : ''}${wait} waiting to send)</span>` : nothing}</p>
        <div class="cb-vote__buttons">
          <button type="button" class="cb-button cb-vote__add js-add" aria-describedby=${textId} aria-disabled=${String(!canAdd)}
            @click=${() => this.#tap('vote', item)}><span aria-hidden="true">+</span> Add a dot</button>
          <button type="button" class="cb-button cb-button--secondary cb-vote__back js-back" aria-describedby=${textId}
            aria-disabled=${String(!canBack)} @click=${() => this.#tap('unvote', item)}><span aria-hidden="true">−</span> Take back</button>
        </div>
        <p class="cb-vote__total js-total" ?hidden=${!hasResults(round)}>${hasResults(round)
          ? `Everyone so far: ${plural(itemTotal(round, item), 'dot')}` : ''}</p>
      </li>`
    })
  }

  #tap (type, item) {
    const round = this.round
    if (!round || round.status !== 'open') return
    if (this.countdown.stoppedVoting(round.id)) return this.announce('Voting has stopped. Time is up.')
    const waiting = this.waiting(round)
    const mine = (round.mine?.[item] ?? 0) + (waiting[item] ?? 0)
    const spent = this.#spent(round)
    if (type === 'vote' && spent >= round.dots_per_person) {
      return this.announce(`All ${plural(round.dots_per_person, 'dot')} are used. Take one back to move it.`)
    }
    if (type === 'vote' && mine >= round.max_per_item) {
      return this.announce(`You can put at most ${plural(round.max_per_item, 'dot')} on one thing.`)
    }
    if (type === 'unvote' && mine <= 0) return this.announce('There is no dot here to take back.')
    this.connection.send({ type, round_id: round.id, item }).catch(() => {})
    this.refresh()
  }
}
