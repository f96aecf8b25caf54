// Invest on a phone: rate each shortlisted idea's cost and benefit by taps
// (Low / High, or 1 to 5), see what the room says, and the final place.
// A rating goes when both halves are chosen; yours stays secret.

import { PhoneWork } from '../../components/phone-work.js'
import { AMOUNTS, amountWords, disagreement, quadrantWords } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'
import { placedRoom, roomWaitingWords } from '../../report-words.js'

const LOW = 2
const HIGH = 4

export class InvestPhone extends PhoneWork {
  constructor ($root, context) {
    super($root, context)
    this.drafts = new Map() // idea id -> {cost, benefit} not sent yet
  }

  template (state) {
    const grid = state.grid ?? []
    return html`${this.heading('Cost and benefit',
        'For each idea, tap how much it would cost and how much it would help. Your rating is secret.')}
      ${grid.length
        ? html`<ol class="cb-d2-rate-list">${repeat(grid, (row) => row.idea_id, (row, i) => this.#card(state, row, i, grid.length))}</ol>`
        : this.empty('The facilitator has not shortlisted any ideas yet.')}`
  }

  #card (state, row, index, total) {
    const idea = (state.ideas ?? []).find((i) => i.id === row.idea_id)
    const text = idea?.text ?? 'An idea'
    const mine = row.mine ?? null
    const draft = this.drafts.get(row.idea_id) ?? { cost: mine?.cost ?? null, benefit: mine?.benefit ?? null }
    const textId = `idea-text-${row.idea_id}`
    const key = `rate-${row.idea_id}`
    let status
    if (this.sending.has(key)) status = 'Sending your rating…'
    else if (mine && draft.cost === mine.cost && draft.benefit === mine.benefit) {
      status = `Your rating: it would cost ${amountLower(mine.cost)} and help ${amountLower(mine.benefit)}.`
    } else if (draft.cost == null && draft.benefit == null) status = 'You have not rated this yet.'
    else if (draft.cost == null) status = 'Now tap how much it would cost.'
    else if (draft.benefit == null) status = 'Now tap how much it would help.'
    else status = 'Your rating will be sent when your phone is back online.'
    return html`<li class="cb-d2-card cb-rate" data-idea=${row.idea_id}>
      <p class="cb-kicker">Idea ${index + 1} of ${total}</p>
      <p class="cb-rate__idea" id=${textId}>${text}</p>
      ${this.speak(text)}
      ${this.can('rate_idea') ? html`${this.#scale(row.idea_id, 'cost', 'How much would it cost?', draft.cost, textId)}
        ${this.#scale(row.idea_id, 'benefit', 'How much would it help?', draft.benefit, textId)}` : nothing}
      ${this.error(key)}
      <p class="cb-rate__mine js-mine ${mine ? 'cb-rate__mine--done' : ''}">${status}</p>
      ${this.#room(row)}
    </li>`
  }

  #scale (ideaId, field, question, value, textId) {
    const qId = `${field}-q-${ideaId}`
    const pick = (n) => () => this.#rate(ideaId, field, n)
    return html`<div class="cb-rate__group" role="group" aria-labelledby="${qId} ${textId}" data-field=${field}>
      <p class="cb-rate__question" id=${qId}>${question}</p>
      <div class="cb-rate__quick">
        <button type="button" class="cb-button cb-button--secondary cb-rate__pick" data-key="${field}-low-${ideaId}"
          aria-pressed=${String(value === LOW)} @click=${pick(LOW)}>Low</button>
        <button type="button" class="cb-button cb-button--secondary cb-rate__pick" data-key="${field}-high-${ideaId}"
          aria-pressed=${String(value === HIGH)} @click=${pick(HIGH)}>High</button>
      </div>
      <p class="cb-rate__or">Or choose from 1 to 5:</p>
      <div class="cb-rate__scale">${AMOUNTS.map((words, i) => html`<button type="button"
          class="cb-button cb-button--secondary cb-rate__step" data-key="${field}-${i + 1}-${ideaId}" data-value=${String(i + 1)}
          aria-pressed=${String(value === i + 1)} @click=${pick(i + 1)}><span class="cb-rate__number">${i + 1}</span><span
          class="cb-rate__words">${words}</span></button>`)}</div>
    </div>`
  }

  #rate (ideaId, field, n) {
    const row = (this.state.grid ?? []).find((r) => r.idea_id === ideaId)
    const mine = row?.mine ?? null
    const draft = { ...(this.drafts.get(ideaId) ?? { cost: mine?.cost ?? null, benefit: mine?.benefit ?? null }), [field]: n }
    this.drafts.set(ideaId, draft)
    const key = `rate-${ideaId}`
    this.errors.delete(key)
    const complete = draft.cost != null && draft.benefit != null
    const changed = !mine || mine.cost !== draft.cost || mine.benefit !== draft.benefit
    if (!complete || !changed) {
      if (!complete) this.announce(field === 'cost' ? 'Now tap how much it would help.' : 'Now tap how much it would cost.')
      return this.refresh()
    }
    this.#send(ideaId, draft)
  }

  async #send (ideaId, draft) {
    const key = `rate-${ideaId}`
    this.sending.add(key)
    this.refresh()
    try {
      await this.connection.send({ type: 'rate_idea', idea_id: ideaId, cost: draft.cost, benefit: draft.benefit })
      this.announce('Your rating is saved.')
      // The event with your rating (grid[].mine) follows the ack; keep the draft till then.
    } catch (error) {
      this.errors.set(key, error?.message ?? 'Your rating was not saved. Try again.')
      this.said(key)
    } finally {
      this.sending.delete(key)
      this.refresh()
    }
  }

  #room (row) {
    const room = row.room
    return html`<div class="cb-rate__room js-room">
      ${row.placement ? html`<p class="cb-rate__placed">Final place: ${quadrantWords(row.placement.quadrant)}.</p>` : nothing}
      ${placedRoom(room)
        ? html`<p class="cb-rate__room-says">The room says: ${quadrantWords(room.quadrant)}.</p>
          <p>${[`${room.raters} people have rated it.`, disagreement(room)].filter(Boolean).join(' ')}</p>`
        : html`<p>${roomWaitingWords(room)}</p>`}
    </div>`
  }
}

function amountLower (n) {
  return `${amountWords(n).toLowerCase()} (${n})`
}
