// Choosing what the room carries forward after a vote: how many (default
// 3), ticks filled in from the ranking, and ties at the cut flagged so the
// facilitator settles them by ticking.

import { itemInfo, placeLabel, ranking } from '../board-state.js'
import { plural } from '../dom.js'
import { html, live, nothing, render, repeat } from '../lit.js'

export class CarryForward {
  constructor ($root, { connection, announce }) {
    this.$root = $root
    this.connection = connection
    this.announce = announce
    this.count = 3
    this.ticked = null // the ticks, filled in afresh for each round and count
    this.fillKey = null
    this.error = null
  }

  render (state, round) {
    this.state = state
    this.round = round
    const rows = ranking(round)
    if (!rows.length || round.status === 'open') {
      this.fillKey = null
      render(nothing, this.$root)
      return
    }
    const count = Math.min(this.count, rows.length)
    const cut = rows[count - 1]?.total
    // A tie straddles the cut when items just inside and just outside share a total.
    const straddle = rows.length > count && rows[count].total === cut
    const tied = straddle ? rows.filter((r) => r.total === cut) : []
    const fillKey = `${round.id}:${this.count}`
    if (fillKey !== this.fillKey) {
      this.fillKey = fillKey
      this.ticked = new Set(rows.filter((r, i) => i < count && !(straddle && r.total === cut)).map((r) => r.item))
      this.error = null
    }
    const setCount = (event) => {
      this.count = Math.max(1, Math.round(Number(event.currentTarget.value)) || 1)
      this.render(this.state, this.round)
    }
    render(html`<form class="cb-carry js-carry-form" novalidate aria-labelledby="carry-heading" @submit=${(e) => this.submit(e)}>
      <h3 id="carry-heading">Carry forward</h3>
      <p class="cb-hint">Choose what the room takes into the next stages. Everything else is kept for the report.</p>
      <div class="cb-form-group">
        <label class="cb-label" for="carry-count">How many to take forward</label>
        <input class="cb-input cb-input--narrow" id="carry-count" type="number" min="1" max=${rows.length}
          .value=${live(String(count))} inputmode="numeric" @change=${setCount}>
      </div>
      ${tied.length
        ? html`<p class="cb-warning js-carry-tie" role="note">${plural(tied.length, 'item is', 'items are')} tied at ${plural(cut, 'dot')} across the cut. Tick the ones to take forward.</p>`
        : nothing}
      <fieldset class="cb-fieldset">
        <legend>Take forward</legend>
        ${repeat(rows, (row) => row.item, (row) => {
          const info = itemInfo(state, row.item)
          const id = `carry-${row.item}`
          const isTied = tied.some((t) => t.item === row.item)
          const tick = (event) => {
            if (event.currentTarget.checked) this.ticked.add(row.item)
            else this.ticked.delete(row.item)
          }
          return html`<div class="cb-choice cb-choice--checkbox ${isTied ? 'cb-carry__tied' : ''}">
            <input class="cb-choice__input" type="checkbox" id=${id} value=${row.item}
              .checked=${live(this.ticked.has(row.item))} @change=${tick}>
            <label class="cb-choice__label" for=${id}>
              <span class="cb-choice__title"><span class="cb-tag">${placeLabel(row)}</span> <span>${info.kind === 'theme' ? info.title : info.text}</span></span>
              <span class="cb-choice__hint">${plural(row.total, 'dot')}${isTied ? ' — tied: you choose' : ''}</span>
            </label>
          </div>`
        })}
      </fieldset>
      <p class="cb-error-message js-carry-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
      <button type="submit" class="cb-button js-carry-button">Carry forward the ticked items</button>
      ${state.carried?.length
        ? html`<div class="cb-carry__now">
            <p class="cb-label">Taken forward now:</p>
            <ol class="js-carried">${state.carried.map((id) => {
              const info = itemInfo(state, id)
              return html`<li>${info.kind === 'theme' ? info.title : info.text}</li>`
            })}</ol>
          </div>`
        : nothing}
    </form>`, this.$root)
  }

  async submit (event) {
    event.preventDefault()
    const order = ranking(this.round).map((r) => r.item)
    const items = order.filter((item) => this.ticked.has(item))
    this.error = null
    if (!items.length) {
      this.error = 'Tick at least one item to take forward.'
      this.announce(this.error)
      return this.render(this.state, this.round)
    }
    try {
      await this.connection.send({ type: 'carry_forward', items })
      this.announce(`${plural(items.length, 'item')} taken forward.`)
    } catch (err) {
      this.error = err?.message ?? 'That did not work.'
    }
    this.render(this.state, this.round)
  }
}
