// People on the console: how many have joined and who is here now, adding
// someone who has no phone (a name or a label such as "Table 3, patient",
// and a group), and recording for a person what they say: their dots while
// a vote is open, their ratings at Invest, their answers at Reflect, their
// own words at Collect. The server counts what is recorded here as theirs,
// with their budget, and marks it in the log as recorded by a facilitator.
//
// Who put which dot stays on the server, for people recorded for too: this
// screen only remembers what it recorded itself, so it can say so.

import { itemInfo, itemLabel, openRound } from '../board-state.js'
import { plural } from '../dom.js'
import { html, live, nothing, render, repeat } from '../lit.js'
import { CATEGORIES, GROUPS, groupLabel, personLabel } from '../words.js'
import { ConsolePanel } from './console-panel.js'

const LEVELS = [[1, '1 (low)'], [2, '2'], [3, '3'], [4, '4'], [5, '5 (high)']]
const ANSWERS = [[1, '1 Not at all'], [2, '2 A little'], [3, '3 Partly'], [4, '4 Mostly'], [5, '5 Very much']]

export class PeoplePanel extends ConsolePanel {
  /**
   * @param {HTMLElement} $root  where the people section goes
   * @param {object} context  connection, announce, and $recorder: an empty <dialog>
   *   the recorder opens in
   */
  constructor ($root, context) {
    super($root, context)
    this.$dialog = context.$recorder
    this.link = context.link
    this.$dialog.addEventListener('close', () => {
      if (!this.chosen) return
      const opener = this.chosen
      this.chosen = null
      this.refresh()
      this.$root.querySelector(`[data-key="record-${CSS.escape(opener)}"]`)?.focus()
    })
    this.presence = null
    this.chosen = null // the id of the person being recorded for
    this.notes = new Map() // `${person}|${round}` -> {item: dots recorded from this screen}
    this.done = null
  }

  /** How many participants are connected now, from the `presence` message. */
  here (presence) {
    this.presence = presence
    this.refresh()
  }

  /** Open the recorder for a person (null: close it). */
  recordFor (personId) {
    this.chosen = personId
    this.done = null
    this.error = null
    this.refresh()
    if (!personId) {
      if (this.$dialog.open) this.$dialog.close()
      return
    }
    if (!this.$dialog.open) this.$dialog.showModal()
    this.$dialog.querySelector('h2')?.focus()
  }

  render (state) {
    super.render(state)
    const people = state.participants?.people ?? []
    const chosen = people.find((p) => p.id === this.chosen) ?? null
    render(chosen ? this.#recorder(state, chosen) : nothing, this.$dialog)
  }

  template (state) {
    const participants = state.participants ?? { count: 0, by_group: {} }
    const people = participants.people ?? []
    const noPhone = participants.no_device ?? people.filter((p) => p.no_device).length
    const connected = this.presence?.connected
    const here = connected === undefined
      ? 'Here now: not known yet.'
      : `Here now: ${plural(connected, 'person', 'people')} on phones${noPhone ? `, and ${noPhone} in the room without a phone` : ''}.`
    return html`<p class="cb-people__count js-people-count">${plural(participants.count ?? 0, 'person', 'people')} joined.</p>
      ${noPhone ? html`<p class="js-people-no-phone">Of them, ${plural(noPhone, 'person is', 'people are')} in the room without a phone. You record what they choose.</p>` : nothing}
      <p class="cb-presence js-presence">${here}</p>
      <ul class="cb-people__groups js-presence-groups">${GROUPS.filter((g) => this.presence?.by_group?.[g.value])
        .map((g) => html`<li>${g.label}: ${this.presence.by_group[g.value]}</li>`)}</ul>
      <details class="cb-people__list">
        <summary>Joined, by group</summary>
        <ul class="cb-people__groups js-people-groups">${GROUPS.map((g) => html`<li>${g.label}: ${participants.by_group?.[g.value] ?? 0}</li>`)}</ul>
      </details>
      ${this.#addForm()}
      <details class="cb-people__list js-people-everyone" ?open=${people.length > 0 && people.length <= 12}>
        <summary>Everyone who has joined</summary>
        <ul class="cb-people__people js-people-list">${people.length
          ? repeat(people, (p) => p.id, (p) => this.#person(p))
          : html`<li>Nobody yet.</li>`}</ul>
      </details>`
  }

  #addForm () {
    const add = this.onSubmit(async ($form) => {
      const name = this.words($form, 'name', 'Type a name or a label first, such as “Table 3, patient”.')
      if (!name) return
      const group = $form.querySelector('select[name="group"]').value
      if (await this.send({ type: 'add_person', name, group }, `Added ${name}. They count in every vote; record what they choose here.`)) {
        this.clearField('add-person-name')
      }
    })
    return html`<form class="cb-inline-form cb-add-person js-add-person" novalidate @submit=${add}>
      <h3 class="cb-add-person__title">Add someone without a phone</h3>
      <p class="cb-hint" id="add-person-hint">A name or a label, such as “Table 3, patient”. They count in every vote, and you record what they choose.</p>
      <div class="cb-form-group">
        <label class="cb-label" for="add-person-name">Name or label</label>
        <input class="cb-input" id="add-person-name" name="name" type="text" maxlength="40" autocomplete="off" aria-describedby="add-person-hint">
      </div>
      <div class="cb-form-group">
        <label class="cb-label" for="add-person-group">Group</label>
        <select class="cb-select" id="add-person-group" name="group">
          ${GROUPS.map((g) => html`<option value=${g.value}>${g.label}</option>`)}
        </select>
      </div>
      <button type="submit" class="cb-button">Add this person</button>
    </form>`
  }

  #person (person) {
    return html`<li class="cb-person" data-person=${person.id}>
      <span class="cb-person__name">${person.name || 'No name given'}</span>
      <span class="cb-person__group"> – ${groupLabel(person.group)}</span>
      ${person.no_device ? html` <span class="cb-tag cb-person__tag">In the room, no phone</span>` : nothing}
      <div class="cb-button-group cb-person__tools">
        <button type="button" class="cb-button cb-button--secondary cb-button--small" data-key="record-${person.id}"
          aria-pressed=${String(this.chosen === person.id)}
          @click=${() => this.recordFor(this.chosen === person.id ? null : person.id)}>Record for them<span
          class="cb-visually-hidden">: ${person.name || 'no name given'}</span></button>
        <button type="button" class="cb-button cb-button--secondary cb-button--small js-person-link" data-key="link-${person.id}"
          @click=${() => this.#newLink(person)}>${person.no_device ? 'Code for a phone' : 'New link'}<span
          class="cb-visually-hidden">: ${person.name || 'no name given'}</span></button>
      </div>
    </li>`
  }

  async #newLink (person) {
    this.error = null
    const failed = await this.link.offer(person)
    if (failed) this.showError(failed)
  }

  // ---- recording for one person ---------------------------------------------

  #recorder (state, person) {
    const round = openRound(state)
    const parts = [
      round ? this.#dots(state, person, round) : nothing,
      state.stage === 'collect' ? this.#statement(person) : nothing,
      state.stage === 'invest' ? this.#ratings(state, person) : nothing,
      state.stage === 'reflect' ? this.#feedback(state, person) : nothing
    ].filter((part) => part !== nothing)
    return html`<section class="cb-recorder js-recorder" aria-labelledby="recorder-heading">
      <h2 class="cb-dialog__title" id="recorder-heading" tabindex="-1">Recording for ${personLabel(person)}</h2>
      <p class="cb-hint">What you record here counts as theirs, with the same number of dots as anyone. The log marks it as recorded by you.</p>
      <p class="cb-recorder__done js-recorder-done" ?hidden=${!this.done}>${this.done ?? ''}</p>
      <p class="cb-error-message js-recorder-error" ?hidden=${!this.error}>${this.error ?? ''}</p>
      ${parts.length ? parts : html`<p class="js-recorder-nothing">Nothing to record for them now. Their dots can be recorded while a vote is open, their statements at “Collect”, their ratings at “Invest” and their answers at “Reflect”.</p>`}
      <div class="cb-button-group cb-dialog__buttons">
        <button type="button" class="cb-button cb-button--secondary js-recorder-close" @click=${() => this.recordFor(null)}>Done recording</button>
      </div>
    </section>`
  }

  async #record (command, done) {
    this.done = null
    const ok = await this.send(command)
    if (ok) {
      this.done = done
      this.announce(done)
      this.refresh()
    }
    return ok
  }

  #dots (state, person, round) {
    const key = `${person.id}|${round.id}`
    const noted = this.notes.get(key) ?? {}
    const spent = Object.values(noted).reduce((sum, n) => sum + n, 0)
    const change = async (item, type) => {
      const label = itemLabel(itemInfo(state, item))
      const ok = await this.#record({ type, round_id: round.id, item, for_participant: person.id },
        type === 'vote' ? `Dot recorded for ${person.name} on “${label}”.` : `One dot taken back for ${person.name} from “${label}”.`)
      if (ok) {
        const mine = { ...(this.notes.get(key) ?? {}) }
        mine[item] = Math.max(0, (mine[item] ?? 0) + (type === 'vote' ? 1 : -1))
        this.notes.set(key, mine)
        this.refresh()
      }
    }
    return html`<div class="cb-recorder__part js-record-dots">
      <h4>Their dots: ${round.title || 'Dot vote'}</h4>
      <p class="cb-hint">${plural(round.dots_per_person, 'dot')} each, up to ${round.max_per_item} on one item.
        ${spent ? `You have recorded ${plural(spent, 'dot')} for them on this screen.` : ''}</p>
      <ul class="cb-recorder__items">${round.items.map((item) => {
        const label = itemLabel(itemInfo(state, item))
        return html`<li class="cb-recorder__item" data-item=${item}>
          <span class="cb-recorder__text">${label}</span>
          ${noted[item] ? html`<span class="cb-tag">${plural(noted[item], 'dot')} from here</span>` : nothing}
          <span class="cb-button-group">
            <button type="button" class="cb-button cb-button--small" @click=${() => change(item, 'vote')}>Add a dot<span
              class="cb-visually-hidden"> for ${person.name}: ${label}</span></button>
            <button type="button" class="cb-button cb-button--secondary cb-button--small" @click=${() => change(item, 'unvote')}>Take one back<span
              class="cb-visually-hidden"> for ${person.name}: ${label}</span></button>
          </span>
        </li>`
      })}</ul>
    </div>`
  }

  #statement (person) {
    const write = this.onSubmit(async ($form) => {
      const text = this.words($form, 'text', 'Type their words first.')
      if (!text) return
      const category = $form.querySelector('select[name="category"]').value
      if (await this.#record({ type: 'write_statement', category, text, for_participant: person.id }, `Statement written down for ${person.name}.`)) {
        this.clearField('record-statement-text')
      }
    })
    return html`<form class="cb-recorder__part js-record-statement" novalidate @submit=${write}>
      <h4>Their own words</h4>
      <div class="cb-form-group">
        <label class="cb-label" for="record-statement-category">About</label>
        <select class="cb-select" id="record-statement-category" name="category">
          ${CATEGORIES.map((c) => html`<option value=${c.value}>${c.title}</option>`)}
        </select>
      </div>
      <div class="cb-form-group">
        <label class="cb-label" for="record-statement-text">What they said</label>
        <textarea class="cb-textarea" id="record-statement-text" name="text" rows="3" maxlength="600"></textarea>
      </div>
      <button type="submit" class="cb-button">Write it down for them</button>
    </form>`
  }

  #ratings (state, person) {
    const grid = state.grid ?? []
    if (!grid.length) return html`<p class="cb-recorder__part">No ideas are shortlisted yet.</p>`
    return html`<div class="cb-recorder__part js-record-ratings">
      <h4>Their ratings</h4>
      <p class="cb-hint">For each idea, how much it would cost and how much it would help, 1 (low) to 5 (high).</p>
      <ol class="cb-recorder__items">${repeat(grid, (row) => row.idea_id, (row, i) => {
        const idea = (state.ideas ?? []).find((x) => x.id === row.idea_id)
        const rate = this.onSubmit(async ($form) => {
          const cost = Number($form.querySelector('select[name="cost"]').value)
          const benefit = Number($form.querySelector('select[name="benefit"]').value)
          await this.#record({ type: 'rate_idea', idea_id: row.idea_id, cost, benefit, for_participant: person.id },
            `Rating recorded for ${person.name}: cost ${cost}, benefit ${benefit}.`)
        })
        const select = (name, label) => html`<div class="cb-form-group cb-place__field">
          <label class="cb-label" for="record-${name}-${row.idea_id}">${label}</label>
          <select class="cb-select" id="record-${name}-${row.idea_id}" name=${name} .value=${live('3')}>
            ${LEVELS.map(([n, words]) => html`<option value=${String(n)} ?selected=${n === 3}>${words}</option>`)}
          </select>
        </div>`
        return html`<li class="cb-recorder__item" data-idea=${row.idea_id}>
          <span class="cb-recorder__text">${i + 1}. ${idea?.text ?? 'An idea'}</span>
          <form class="cb-place__form" novalidate aria-label="Their rating of idea ${i + 1}" @submit=${rate}>
            ${select('cost', 'Cost')}${select('benefit', 'Benefit')}
            <button type="submit" class="cb-button cb-button--secondary">Save their rating<span class="cb-visually-hidden">: idea ${i + 1}</span></button>
          </form>
        </li>`
      })}</ol>
    </div>`
  }

  #feedback (state, person) {
    const questions = state.feedback?.questions ?? []
    const give = this.onSubmit(async ($form) => {
      const answers = []
      for (const q of questions) {
        const rating = q.rated ? $form.querySelector(`select[name="rating-${q.id}"]`).value : ''
        const text = ($form.querySelector(`[name="text-${q.id}"]`)?.value ?? '').trim()
        if (!rating && !text) continue
        answers.push({ question: q.id, ...(rating ? { rating: Number(rating) } : {}), ...(text ? { text } : {}) })
      }
      if (!answers.length) {
        this.showError('Record at least one answer first.')
        return
      }
      await this.#record({ type: 'give_feedback', answers, for_participant: person.id }, `Answers recorded for ${person.name}.`)
    })
    return html`<form class="cb-recorder__part js-record-feedback" novalidate @submit=${give}>
      <h4>Their answers</h4>
      ${questions.map((q) => html`<fieldset class="cb-fieldset cb-recorder__question">
        <legend>${q.text}</legend>
        ${q.rated
          ? html`<div class="cb-form-group">
              <label class="cb-label" for="record-rating-${q.id}">Their answer</label>
              <select class="cb-select" id="record-rating-${q.id}" name="rating-${q.id}">
                <option value="">Not answered</option>
                ${ANSWERS.map(([n, words]) => html`<option value=${String(n)}>${words}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="cb-form-group">
          <label class="cb-label" for="record-text-${q.id}">${q.rated ? 'Anything they said (optional)' : 'What they said'}</label>
          <input class="cb-input" id="record-text-${q.id}" name="text-${q.id}" type="text" maxlength="600" autocomplete="off">
        </div>
      </fieldset>`)}
      <button type="submit" class="cb-button">Save their answers</button>
    </form>`
  }
}
