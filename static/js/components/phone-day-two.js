// The second workshop day on a phone: ask "why?", say what success looks
// like, share ideas, rate the shortlist by taps, read the plan, give feedback.
//
// Every form keeps its text until the server says yes; a refusal is shown
// next to the control (the connection also says it in the live region).

import { CharacterCount } from '../character-count.js'
import { h, plural, rebuild } from '../dom.js'
import { themeById } from '../board-state.js'
import {
  AMOUNTS, FEEDBACK_WORDS, IDEA_KINDS, IN_PLACE, PERSPECTIVES, causeTree, disagreement, dueWords,
  kindInfo, ownPerspective, perspectiveInfo, quadrantInfo, quadrantWords, statusInfo
} from './phone-wall-words.js'

const DAY_TWO = new Set(['understand', 'success', 'ideas', 'invest', 'plan', 'reflect'])
const TEXT_MAX = 600
const LOW = 2
const HIGH = 4

export function isDayTwo (stage) {
  return DAY_TWO.has(stage)
}

export class PhoneDayTwo {
  /**
   * @param {HTMLElement} $root  the section the stage's work goes in
   * @param {object} options  connection, readAloud, announce
   */
  constructor ($root, { connection, readAloud, announce }) {
    this.$root = $root
    this.connection = connection
    this.readAloud = readAloud
    this.announce = announce
    this.open = new Set() // forms shown, by key
    this.sending = new Set()
    this.errors = new Map() // key -> message from the server or a check
    this.drafts = new Map() // idea id -> {cost, benefit} not sent yet
    this.editingFeedback = false
    this.counts = []
    this.key = null
    this.state = null
  }

  /**
   * @param {object} state  the board now
   * @param {object[]} events  the events just applied (to find your own copies)
   */
  render (state, events = []) {
    this.#remember(state, events)
    state = this.#withMine(state)
    this.state = state
    const on = isDayTwo(state.stage)
    this.$root.hidden = !on
    if (!on) return
    const you = state.you ?? this.connection.you
    const key = JSON.stringify([state.stage, state.carried, state.themes, state.causes, state.successes,
      state.ideas, state.grid, state.actions, state.feedback, you?.group])
    if (key === this.key) return
    this.key = key
    this.#draw()
  }

  // Your own rating and answers come only in your own copy of an event; the
  // copy everyone else gets (after someone else rates) has no `mine`, and the
  // reducer replaces the lists whole. So remember yours here.
  #remember (state, events) {
    this.mine ??= { ratings: new Map(), feedback: undefined }
    const take = (source) => {
      for (const row of source?.grid ?? []) {
        if ('mine' in row) this.mine.ratings.set(row.idea_id, row.mine)
      }
      if (source?.feedback && 'mine' in source.feedback) this.mine.feedback = source.feedback.mine
    }
    for (const event of events) take(event)
    if (!events.length) take(state) // a snapshot is projected for you
  }

  #withMine (state) {
    const grid = (state.grid ?? []).map((row) =>
      'mine' in row || !this.mine.ratings.has(row.idea_id) ? row : { ...row, mine: this.mine.ratings.get(row.idea_id) })
    const feedback = state.feedback && !('mine' in state.feedback) && this.mine.feedback !== undefined
      ? { ...state.feedback, mine: this.mine.feedback }
      : state.feedback
    return { ...state, grid, feedback }
  }

  // Local changes (a form opened, a tap) draw again from the last state.
  #refresh () {
    if (this.state) this.#draw()
  }

  #draw () {
    const state = this.state
    this.counts = []
    rebuild(this.$root, () => {
      switch (state.stage) {
        case 'understand': return this.#understand(state)
        case 'success': return this.#success(state)
        case 'ideas': return this.#ideas(state)
        case 'invest': return this.#invest(state)
        case 'plan': return this.#plan(state)
        case 'reflect': return this.#reflect(state)
        default: return []
      }
    })
    for (const count of this.counts) count.update()
  }

  // ---- pieces ---------------------------------------------------------------

  #speak (text) {
    return this.readAloud.button(text)
  }

  #error (key) {
    const message = this.errors.get(key)
    return message ? h('p', { className: 'cb-error-message js-d2-error', id: `${key}-error`, text: message }) : null
  }

  #focus (dataKey) {
    requestAnimationFrame(() => {
      this.$root.querySelector(`[data-key="${CSS.escape(dataKey)}"]`)?.focus()
    })
  }

  /** A button that opens a form, and the form once open. */
  #toggle (key, label, buildForm, { secondary = true } = {}) {
    const isOpen = this.open.has(key)
    const $button = h('button', {
      type: 'button',
      className: `cb-button ${secondary ? 'cb-button--secondary' : ''} cb-d2-toggle js-d2-toggle`,
      dataset: { key: `${key}-toggle` },
      attrs: { 'aria-expanded': String(isOpen), 'aria-controls': `${key}-form` }
    }, h('span', { attrs: { 'aria-hidden': 'true' }, text: isOpen ? '−' : '+' }), ` ${label}`)
    $button.addEventListener('click', () => {
      if (this.open.has(key)) {
        this.open.delete(key)
        this.errors.delete(key)
        this.#refresh()
        this.#focus(`${key}-toggle`)
      } else {
        this.open.add(key)
        this.#refresh()
        this.#focus(`${key}-text`)
      }
    })
    return [$button, isOpen ? buildForm() : null]
  }

  /** A short text form: label, hint, the error, a textarea with its count, send and cancel. */
  #textForm (key, { label, hint, submit, extra = null, command, done }) {
    const textId = `${key}-text`
    const countId = `${key}-count`
    const hintId = hint ? `${key}-hint` : null
    const error = this.errors.get(key)
    const sending = this.sending.has(key)
    const $text = h('textarea', {
      className: `cb-textarea${error ? ' cb-textarea--error' : ''}`,
      id: textId,
      rows: 3,
      dataset: { key: textId },
      attrs: {
        'aria-describedby': [hintId, error ? `${key}-error` : null, countId].filter(Boolean).join(' '),
        'aria-invalid': error ? 'true' : null
      }
    })
    const $count = h('p', { className: 'cb-hint cb-character-count__message', id: countId })
    this.counts.push(new CharacterCount($text, $count, { max: TEXT_MAX, announce: this.announce }))
    const $form = h('form', { className: 'cb-d2-form', id: `${key}-form`, noValidate: true },
      h('div', { className: `cb-form-group${error ? ' cb-form-group--error' : ''}` },
        h('label', { className: 'cb-label', htmlFor: textId, text: label }),
        hint ? h('p', { className: 'cb-hint', id: hintId, text: hint }) : null,
        this.#error(key),
        $text,
        $count),
      extra,
      sending && !this.connection.online
        ? h('p', { className: 'cb-hint', text: 'Saved on this phone. It will send when you are back online.' })
        : null,
      h('div', { className: 'cb-button-group cb-d2-form__buttons' },
        h('button', { type: 'submit', className: 'cb-button', disabled: sending, text: sending ? 'Sending…' : submit }),
        h('button', {
          type: 'button',
          className: 'cb-button cb-button--secondary js-d2-cancel',
          text: 'Cancel',
          onclick: () => {
            this.open.delete(key)
            this.errors.delete(key)
            this.#refresh()
            this.#focus(`${key}-toggle`)
          }
        })))
    $form.addEventListener('submit', (event) => {
      event.preventDefault()
      const text = $text.value.trim()
      if (!text) return this.#fail(key, 'Write something first.', textId)
      if (text.length > TEXT_MAX) return this.#fail(key, `Use ${TEXT_MAX} characters or fewer.`, textId)
      this.#send(key, command(text, $form), done)
    })
    return $form
  }

  // The connection says a refusal too, but a "back online" note can follow
  // straight after and take the live region; say it again, last.
  #said (key) {
    this.announce(this.errors.get(key))
  }

  #fail (key, message, focusKey) {
    this.errors.set(key, message)
    this.announce(message)
    this.#refresh()
    if (focusKey) this.#focus(focusKey)
  }

  async #send (key, command, done) {
    this.sending.add(key)
    this.errors.delete(key)
    this.#refresh()
    try {
      await this.connection.send(command)
      this.open.delete(key)
      this.announce(done)
      this.sending.delete(key)
      this.#refresh()
      this.#focus(`${key}-toggle`)
    } catch (error) {
      this.sending.delete(key)
      this.errors.set(key, error?.message ?? 'That did not work. Try again.')
      this.#said(key)
      this.#refresh()
      this.#focus(`${key}-text`)
      // Keep the message in sight above the field it is about.
      requestAnimationFrame(() => document.getElementById(`${key}-error`)?.scrollIntoView({ block: 'center' }))
    }
  }

  #heading (title, intro) {
    return [
      h('h2', { className: 'cb-d2__heading', text: title, tabIndex: -1, dataset: { key: 'd2-heading' } }),
      intro ? h('p', { className: 'cb-d2__intro', text: intro }) : null
    ]
  }

  #empty (text) {
    return h('p', { className: 'cb-d2-empty', text })
  }

  // ---- understand: the "why?" tree ------------------------------------------------

  #understand (state) {
    const themes = (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean)
    return [
      ...this.#heading('Why does this happen?', 'Ask “why?” again and again to find the real reasons.'),
      themes.length
        ? themes.map((theme) => this.#why(state, theme))
        : this.#empty('The facilitator has not chosen what to work on yet.')
    ]
  }

  #why (state, theme) {
    const tree = causeTree(state.causes, theme.id)
    const said = theme.i_statement || theme.title
    const key = `why-${theme.id}`
    return h('article', { className: 'cb-d2-card cb-d2-theme', dataset: { theme: theme.id } },
      h('p', { className: 'cb-kicker', text: theme.title }),
      h('h3', { className: 'cb-d2-theme__i', text: theme.i_statement ? `“${theme.i_statement}”` : theme.title }),
      this.#speak(said),
      ...this.#toggle(key, 'Add a reason', () => this.#textForm(key, {
        label: 'Why does this happen?',
        hint: 'Say one reason, in a few words.',
        submit: 'Add this reason',
        command: (text) => ({ type: 'add_cause', theme_id: theme.id, text }),
        done: 'Your reason is added.'
      }), { secondary: false }),
      tree.length
        ? h('ul', { className: 'cb-why-tree', attrs: { 'aria-label': `Reasons for: ${said}` } },
          tree.map((node) => this.#cause(theme, node, 1)))
        : this.#empty('No reasons yet. Be the first to add one.'))
  }

  #cause (theme, { cause, children }, depth) {
    const key = `deeper-${cause.id}`
    return h('li', { className: `cb-why${cause.chosen ? ' cb-why--chosen' : ''}`, dataset: { cause: cause.id, depth: String(depth) } },
      h('div', { className: 'cb-why__box' },
        depth > 1 ? h('p', { className: 'cb-why__because', text: 'Because:' }) : null,
        h('p', { className: 'cb-why__text', id: `cause-${cause.id}`, text: cause.text }),
        cause.chosen ? h('p', { className: 'cb-why__tags' }, h('span', { className: 'cb-tag cb-tag--chosen', text: '✓ Chosen' })) : null,
        h('div', { className: 'cb-d2-actions' },
          this.#speak(cause.text),
          ...this.#toggle(key, 'Ask why? again', () => this.#textForm(key, {
            label: `Why does this happen: “${cause.text}”?`,
            hint: 'Say one deeper reason.',
            submit: 'Add this reason',
            command: (text) => ({ type: 'add_cause', theme_id: theme.id, parent_id: cause.id, text }),
            done: 'Your deeper reason is added.'
          })))),
      children.length
        ? h('ul', { className: 'cb-why-tree cb-why-tree--deeper' }, children.map((node) => this.#cause(theme, node, depth + 1)))
        : null)
  }

  // ---- success: four points of view -------------------------------------------------

  #success (state) {
    const chosen = (state.causes ?? []).filter((c) => c.chosen)
    const you = state.you ?? this.connection.you
    const first = ownPerspective(you?.group)
    return [
      ...this.#heading('What would success look like?',
        'Imagine each root cause is fixed. What would be different?'),
      chosen.length
        ? chosen.map((cause) => this.#successCard(state, cause, first))
        : this.#empty('The facilitator has not chosen the root causes yet.')
    ]
  }

  #successCard (state, cause, first) {
    const theme = themeById(state, cause.theme_id)
    const others = PERSPECTIVES.filter((p) => p.value !== first)
    return h('article', { className: 'cb-d2-card', dataset: { cause: cause.id } },
      h('p', { className: 'cb-kicker', text: theme ? `Root cause — ${theme.title}` : 'Root cause' }),
      h('h3', { className: 'cb-d2-card__title', text: cause.text }),
      this.#speak(cause.text),
      this.#perspective(state, cause, perspectiveInfo(first), true),
      h('details', { className: 'cb-d2-others', dataset: { key: `others-${cause.id}` } },
        h('summary', { className: 'cb-d2-others__summary', text: 'Other points of view' }),
        others.map((p) => this.#perspective(state, cause, p, false))))
  }

  #perspective (state, cause, p, yours) {
    const said = (state.successes ?? []).filter((s) => s.cause_id === cause.id && s.perspective === p.value)
    const key = `success-${cause.id}-${p.value.replace(/\s+/g, '-')}`
    return h('section', { className: `cb-d2-view${yours ? ' cb-d2-view--yours' : ''}`, dataset: { perspective: p.value } },
      h('h4', { className: 'cb-d2-view__title' },
        yours ? h('span', { className: 'cb-d2-view__yours', text: 'Your point of view: ' }) : null,
        p.title),
      h('p', { className: 'cb-hint', text: p.hint }),
      said.length
        ? h('ul', { className: 'cb-d2-list' }, said.map((s) => h('li', { className: 'cb-d2-item' },
          h('p', { className: 'cb-d2-item__text', text: s.text }),
          this.#speak(s.text))))
        : this.#empty('Nothing yet.'),
      ...this.#toggle(key, 'Add what success would look like', () => this.#textForm(key, {
        label: `What would success look like for ${p.title.toLowerCase()}?`,
        hint: 'For example: “I get through first time when I call.”',
        submit: 'Add it',
        command: (text) => ({ type: 'add_success', cause_id: cause.id, perspective: p.value, text }),
        done: 'Added. Thank you.'
      }), { secondary: !yours }))
  }

  // ---- ideas ------------------------------------------------------------------

  #ideas (state) {
    const ideas = state.ideas ?? []
    const inPlace = ideas.filter((i) => i.kind === IN_PLACE.value)
    return [
      ...this.#heading('Ideas', 'First say what is already in place. Then share new ideas.'),
      h('section', { className: 'cb-d2-card cb-d2-kind', dataset: { kind: IN_PLACE.value } },
        h('h3', { text: IN_PLACE.title }),
        h('p', { className: 'cb-hint', text: IN_PLACE.hint }),
        this.#ideaList(inPlace, 'Nothing noted yet.'),
        ...this.#toggle('idea-in-place', 'Add something already in place', () => this.#textForm('idea-in-place', {
          label: 'What already happens and helps?',
          submit: 'Add it',
          command: (text) => ({ type: 'add_idea', kind: IN_PLACE.value, text, serves: [] }),
          done: 'Added. Thank you.'
        }))),
      IDEA_KINDS.map((kind) => {
        const key = `idea-${kind.value}`
        return h('section', { className: 'cb-d2-card cb-d2-kind', dataset: { kind: kind.value } },
          h('h3', { text: kind.title }),
          h('p', { className: 'cb-d2-kind__hint', text: kind.hint }),
          this.#ideaList(ideas.filter((i) => i.kind === kind.value), 'No ideas like this yet.'),
          ...this.#toggle(key, `Add ${kind.one}`, () => this.#textForm(key, {
            label: `Your idea (${kind.title.toLowerCase().replace(/s$/, '')})`,
            hint: kind.hint,
            submit: 'Add my idea',
            extra: this.#serves(state, key),
            command: (text, $form) => ({
              type: 'add_idea',
              kind: kind.value,
              text,
              serves: [...$form.querySelectorAll('input[name="serves"]:checked')].map((i) => i.value)
            }),
            done: 'Your idea is added.'
          })))
      })
    ]
  }

  #ideaList (ideas, none) {
    if (!ideas.length) return this.#empty(none)
    return h('ul', { className: 'cb-d2-list' }, ideas.map((idea) => h('li', { className: 'cb-d2-item', dataset: { idea: idea.id } },
      idea.shortlisted ? h('p', { className: 'cb-why__tags' }, h('span', { className: 'cb-tag cb-tag--chosen', text: '★ Shortlisted' })) : null,
      h('p', { className: 'cb-d2-item__text', text: idea.text }),
      this.#speak(idea.text))))
  }

  // Tick the success statements an idea would help (optional).
  #serves (state, key) {
    const successes = state.successes ?? []
    if (!successes.length) return null
    return h('details', { className: 'cb-d2-serves', dataset: { key: `${key}-serves` } },
      h('summary', { className: 'cb-d2-others__summary', text: 'Which success would it help? (optional)' }),
      h('fieldset', { className: 'cb-fieldset' },
        h('legend', { className: 'cb-visually-hidden', text: 'Tick the ones it would help' }),
        successes.map((s) => {
          const id = `${key}-serves-${s.id}`
          return h('div', { className: 'cb-choice cb-choice--checkbox' },
            h('input', { className: 'cb-choice__input', type: 'checkbox', name: 'serves', id, value: s.id }),
            h('label', { className: 'cb-choice__label', htmlFor: id },
              h('span', { className: 'cb-choice__title', text: s.text }),
              h('span', { className: 'cb-choice__hint', text: perspectiveInfo(s.perspective).title })))
        })))
  }

  // ---- invest: rate each shortlisted idea by taps -------------------------------------

  #invest (state) {
    const grid = state.grid ?? []
    return [
      ...this.#heading('Cost and benefit',
        'For each idea, tap how much it would cost and how much it would help. Your rating is secret.'),
      grid.length
        ? h('ol', { className: 'cb-d2-rate-list' }, grid.map((row, i) => this.#rateCard(state, row, i, grid.length)))
        : this.#empty('The facilitator has not shortlisted any ideas yet.')
    ]
  }

  #rateCard (state, row, index, total) {
    const idea = (state.ideas ?? []).find((i) => i.id === row.idea_id)
    const text = idea?.text ?? 'An idea'
    const mine = row.mine ?? null
    const draft = this.drafts.get(row.idea_id) ?? { cost: mine?.cost ?? null, benefit: mine?.benefit ?? null }
    const textId = `idea-text-${row.idea_id}`
    const key = `rate-${row.idea_id}`
    const sending = this.sending.has(key)
    let status
    if (sending) status = 'Sending your rating…'
    else if (mine && draft.cost === mine.cost && draft.benefit === mine.benefit) {
      status = `Your rating: it would cost ${amountLower(mine.cost)} and help ${amountLower(mine.benefit)}.`
    } else if (draft.cost == null && draft.benefit == null) status = 'You have not rated this yet.'
    else if (draft.cost == null) status = 'Now tap how much it would cost.'
    else if (draft.benefit == null) status = 'Now tap how much it would help.'
    else status = 'Your rating will be sent when your phone is back online.'
    return h('li', { className: 'cb-d2-card cb-rate', dataset: { idea: row.idea_id } },
      h('p', { className: 'cb-kicker', text: `Idea ${index + 1} of ${total}` }),
      h('p', { className: 'cb-rate__idea', id: textId, text }),
      this.#speak(text),
      this.#scale(row.idea_id, 'cost', 'How much would it cost?', draft.cost, textId),
      this.#scale(row.idea_id, 'benefit', 'How much would it help?', draft.benefit, textId),
      this.#error(key),
      h('p', { className: `cb-rate__mine js-mine${mine ? ' cb-rate__mine--done' : ''}`, text: status }),
      this.#room(row))
  }

  #scale (ideaId, field, question, value, textId) {
    const qId = `${field}-q-${ideaId}`
    const pick = (n) => this.#rate(ideaId, field, n)
    const pressed = (on) => ({ 'aria-pressed': String(on) })
    return h('div', { className: 'cb-rate__group', attrs: { role: 'group', 'aria-labelledby': `${qId} ${textId}` }, dataset: { field } },
      h('p', { className: 'cb-rate__question', id: qId, text: question }),
      h('div', { className: 'cb-rate__quick' },
        h('button', {
          type: 'button', className: 'cb-button cb-button--secondary cb-rate__pick', text: 'Low',
          dataset: { key: `${field}-low-${ideaId}` }, attrs: pressed(value === LOW), onclick: () => pick(LOW)
        }),
        h('button', {
          type: 'button', className: 'cb-button cb-button--secondary cb-rate__pick', text: 'High',
          dataset: { key: `${field}-high-${ideaId}` }, attrs: pressed(value === HIGH), onclick: () => pick(HIGH)
        })),
      h('p', { className: 'cb-rate__or', text: 'Or choose from 1 to 5:' }),
      h('div', { className: 'cb-rate__scale' }, AMOUNTS.map((words, i) => h('button', {
        type: 'button',
        className: 'cb-button cb-button--secondary cb-rate__step',
        dataset: { key: `${field}-${i + 1}-${ideaId}`, value: String(i + 1) },
        attrs: pressed(value === i + 1),
        onclick: () => pick(i + 1)
      },
      h('span', { className: 'cb-rate__number', text: String(i + 1) }),
      h('span', { className: 'cb-rate__words', text: words })))))
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
      return this.#refresh()
    }
    this.#sendRating(ideaId, draft)
  }

  async #sendRating (ideaId, draft) {
    const key = `rate-${ideaId}`
    this.sending.add(key)
    this.#refresh()
    try {
      await this.connection.send({ type: 'rate_idea', idea_id: ideaId, cost: draft.cost, benefit: draft.benefit })
      this.announce('Your rating is saved.')
      // The event with your rating (grid[].mine) follows the ack; keep the draft till then.
    } catch (error) {
      this.errors.set(key, error?.message ?? 'Your rating was not saved. Try again.')
      this.#said(key)
    } finally {
      this.sending.delete(key)
      this.#refresh()
    }
  }

  #room (row) {
    const room = row.room
    const lines = []
    if (row.placement) {
      lines.push(h('p', { className: 'cb-rate__placed', text: `Final place: ${quadrantWords(row.placement.quadrant)}.` }))
    }
    if (room) {
      lines.push(h('p', { className: 'cb-rate__room-says', text: `The room says: ${quadrantWords(room.quadrant)}.` }))
      lines.push(h('p', {
        text: [`${plural(room.raters, 'person has', 'people have')} rated it.`, disagreement(room)].filter(Boolean).join(' ')
      }))
    } else {
      lines.push(h('p', { text: 'Nobody has rated it yet.' }))
    }
    return h('div', { className: 'cb-rate__room js-room' }, lines)
  }

  // ---- plan --------------------------------------------------------------------------

  #plan (state) {
    const actions = state.actions ?? []
    return [
      ...this.#heading('The action plan', 'Who will do what, and by when. Quick wins come first.'),
      actions.length
        ? h('ol', { className: 'cb-d2-plan' }, actions.map((a) => {
          const q = quadrantInfo(a.quadrant)
          const status = statusInfo(a.status)
          const when = dueWords(a.due)
          return h('li', { className: 'cb-d2-card cb-action', dataset: { action: a.id } },
            q ? h('p', { className: 'cb-why__tags' }, h('span', { className: 'cb-tag cb-tag--quadrant', text: q.name })) : null,
            h('p', { className: 'cb-action__text', text: a.text }),
            h('dl', { className: 'cb-action__facts' },
              h('dt', { text: 'Who' }), h('dd', { text: a.owner }),
              h('dt', { text: 'When' }), h('dd', { text: when.startsWith('by ') ? capitalise(when) : when }),
              h('dt', { text: 'Now' }), h('dd', {}, h('span', { attrs: { 'aria-hidden': 'true' }, text: `${status.mark} ` }), status.label)),
            this.#speak(`${a.text}. Who: ${a.owner}. ${when}. ${status.label}.`))
        }))
        : this.#empty('No actions yet. They will show here when the facilitator adds them.')
    ]
  }

  // ---- reflect: the feedback form -----------------------------------------------------

  #reflect (state) {
    const feedback = state.feedback ?? { questions: [], answered: 0 }
    const mine = feedback.mine ?? null
    const others = h('p', { className: 'cb-hint', text: `${plural(feedback.answered ?? 0, 'person has', 'people have')} given feedback so far.` })
    if (mine && !this.editingFeedback) {
      return [
        ...this.#heading('Thank you', 'Your answers are saved. Only a summary is shown, never who said what.'),
        h('section', { className: 'cb-d2-card cb-thanks js-thanks' },
          h('h3', { text: 'Your answers' }),
          h('dl', { className: 'cb-thanks__answers' }, (feedback.questions ?? []).map((q) => {
            const answer = mine.find((a) => a.question === q.id)
            const said = q.rated
              ? (answer?.rating ? `${answer.rating} — ${FEEDBACK_WORDS[answer.rating - 1]}` : 'Not answered')
              : (answer?.text || 'Not answered')
            return [h('dt', { text: q.text }), h('dd', { text: said })]
          })),
          h('button', {
            type: 'button', className: 'cb-button cb-button--secondary cb-button--block', text: 'Change my answers',
            dataset: { key: 'feedback-change' },
            onclick: () => { this.editingFeedback = true; this.#refresh(); this.#focus('feedback-first') }
          })),
        others
      ]
    }
    return [
      ...this.#heading('How did today go?', 'Answer what you like. Your answers are not shown with your name.'),
      this.#feedbackForm(feedback, mine),
      others
    ]
  }

  #feedbackForm (feedback, mine) {
    const key = 'feedback'
    const sending = this.sending.has(key)
    const answerOf = (q) => mine?.find((a) => a.question === q.id)
    const $form = h('form', { className: 'cb-d2-card cb-feedback', noValidate: true },
      this.#error(key),
      (feedback.questions ?? []).map((q, index) => {
        const first = index === 0 ? 'feedback-first' : null
        if (q.rated) {
          const legendId = `fb-${q.id}-legend`
          return h('fieldset', { className: 'cb-fieldset cb-feedback__question', dataset: { question: q.id } },
            h('legend', { id: legendId, text: q.text }),
            this.#speak(q.text),
            h('div', { className: 'cb-scale' }, FEEDBACK_WORDS.map((words, i) => {
              const id = `fb-${q.id}-${i + 1}`
              return h('div', { className: 'cb-scale__option' },
                h('input', {
                  className: 'cb-scale__input', type: 'radio', name: `fb-${q.id}`, id, value: String(i + 1),
                  checked: answerOf(q)?.rating === i + 1,
                  dataset: { key: i === 0 && first ? first : id }
                }),
                h('label', { className: 'cb-scale__label', htmlFor: id },
                  h('span', { className: 'cb-rate__number', text: String(i + 1) }),
                  h('span', { className: 'cb-rate__words', text: words })))
            })))
        }
        const id = `fb-${q.id}-text`
        const countId = `${id}-count`
        const $text = h('textarea', {
          className: 'cb-textarea', id, rows: 4, value: answerOf(q)?.text ?? '',
          dataset: { key: first ?? id, question: q.id }, attrs: { 'aria-describedby': countId }
        })
        const $count = h('p', { className: 'cb-hint cb-character-count__message', id: countId })
        this.counts.push(new CharacterCount($text, $count, { max: TEXT_MAX, announce: this.announce }))
        return h('div', { className: 'cb-form-group cb-feedback__question', dataset: { question: q.id } },
          h('label', { className: 'cb-label', htmlFor: id, text: q.text }),
          this.#speak(q.text),
          $text, $count)
      }),
      h('div', { className: 'cb-button-group' },
        h('button', { type: 'submit', className: 'cb-button', disabled: sending, text: sending ? 'Sending…' : 'Send my answers' }),
        mine
          ? h('button', {
            type: 'button', className: 'cb-button cb-button--secondary', text: 'Cancel',
            onclick: () => { this.editingFeedback = false; this.errors.delete(key); this.#refresh(); this.#focus('feedback-change') }
          })
          : null))
    $form.addEventListener('submit', (event) => {
      event.preventDefault()
      const answers = []
      for (const q of feedback.questions ?? []) {
        if (q.rated) {
          const checked = $form.querySelector(`input[name="fb-${CSS.escape(q.id)}"]:checked`)
          if (checked) answers.push({ question: q.id, rating: Number(checked.value) })
        } else {
          const text = $form.querySelector(`#fb-${CSS.escape(q.id)}-text`)?.value.trim() ?? ''
          if (text.length > TEXT_MAX) return this.#fail(key, `Use ${TEXT_MAX} characters or fewer.`, `fb-${q.id}-text`)
          if (text) answers.push({ question: q.id, text })
        }
      }
      if (!answers.length) return this.#fail(key, 'Answer at least one question first.', 'feedback-first')
      this.#sendFeedback(answers)
    })
    return $form
  }

  async #sendFeedback (answers) {
    const key = 'feedback'
    this.sending.add(key)
    this.errors.delete(key)
    this.#refresh()
    try {
      await this.connection.send({ type: 'give_feedback', answers })
      this.editingFeedback = false
      this.announce('Thank you. Your answers are saved.')
    } catch (error) {
      this.errors.set(key, error?.message ?? 'Your answers were not sent. Try again.')
      this.#said(key)
    } finally {
      this.sending.delete(key)
      this.#refresh()
    }
    if (!this.errors.has(key)) this.#focus('d2-heading')
  }
}

function amountLower (n) {
  return `${amountWords(n).toLowerCase()} (${n})`
}

function amountWords (n) {
  return AMOUNTS[Math.round(Number(n)) - 1] ?? String(n)
}

function capitalise (text) {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
