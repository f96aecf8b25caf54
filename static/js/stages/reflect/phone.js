// Reflect on a phone: a few questions about the day, by taps and words;
// afterwards your answers, which you can change. Never shown with a name.

import { PhoneWork, TEXT_MAX } from '../../components/phone-work.js'
import { FEEDBACK_WORDS } from '../../day-two-words.js'
import { plural } from '../../dom.js'
import { html, nothing } from '../../lit.js'

export class ReflectPhone extends PhoneWork {
  constructor ($root, context) {
    super($root, context)
    this.editing = false
  }

  template (state) {
    const feedback = state.feedback ?? { questions: [], answered: 0 }
    const mine = feedback.mine ?? null
    const others = html`<p class="cb-hint">${plural(feedback.answered ?? 0, 'person has', 'people have')} given feedback so far.</p>`
    if (mine && !this.editing) {
      const change = () => { this.editing = true; this.refresh(); this.focus('feedback-first') }
      return html`${this.heading('Thank you', 'Your answers are saved. Only a summary is shown, never who said what.')}
        <section class="cb-d2-card cb-thanks js-thanks">
          <h3>Your answers</h3>
          <dl class="cb-thanks__answers">${(feedback.questions ?? []).map((q) => {
            const answer = mine.find((a) => a.question === q.id)
            const said = q.rated
              ? (answer?.rating ? `${answer.rating} — ${FEEDBACK_WORDS[answer.rating - 1]}` : 'Not answered')
              : (answer?.text || 'Not answered')
            return html`<dt>${q.text}</dt><dd>${said}</dd>`
          })}</dl>
          <button type="button" class="cb-button cb-button--secondary cb-button--block" data-key="feedback-change"
            @click=${change}>Change my answers</button>
        </section>
        ${others}`
    }
    return html`${this.heading('How did today go?', 'Answer what you like. Your answers are not shown with your name.')}
      ${this.can('give_feedback') ? this.#form(feedback, mine) : nothing}
      ${others}`
  }

  #form (feedback, mine) {
    const key = 'feedback'
    const sending = this.sending.has(key)
    const answerOf = (q) => mine?.find((a) => a.question === q.id)
    const cancel = () => { this.editing = false; this.errors.delete(key); this.refresh(); this.focus('feedback-change') }
    return html`<form class="cb-d2-card cb-feedback" novalidate @submit=${(e) => this.#submit(e, feedback)}>
      ${this.error(key)}
      ${(feedback.questions ?? []).map((q, index) => {
        const first = index === 0 ? 'feedback-first' : null
        if (q.rated) {
          return html`<fieldset class="cb-fieldset cb-feedback__question" data-question=${q.id}>
            <legend id="fb-${q.id}-legend">${q.text}</legend>
            ${this.speak(q.text)}
            <div class="cb-scale">${FEEDBACK_WORDS.map((words, i) => {
              const id = `fb-${q.id}-${i + 1}`
              return html`<div class="cb-scale__option">
                <input class="cb-scale__input" type="radio" name="fb-${q.id}" id=${id} value=${String(i + 1)}
                  ?checked=${answerOf(q)?.rating === i + 1} data-key=${i === 0 && first ? first : id}>
                <label class="cb-scale__label" for=${id}><span class="cb-rate__number">${i + 1}</span><span
                  class="cb-rate__words">${words}</span></label>
              </div>`
            })}</div>
          </fieldset>`
        }
        const id = `fb-${q.id}-text`
        return html`<div class="cb-form-group cb-feedback__question" data-question=${q.id}>
          <label class="cb-label" for=${id}>${q.text}</label>
          ${this.speak(q.text)}
          <textarea class="cb-textarea" id=${id} rows="4" .value=${answerOf(q)?.text ?? ''} data-key=${first ?? id}
            data-question=${q.id} data-count="${id}-count" aria-describedby="${id}-count"></textarea>
          <p class="cb-hint cb-character-count__message" id="${id}-count"></p>
        </div>`
      })}
      <div class="cb-button-group">
        <button type="submit" class="cb-button" ?disabled=${sending}>${sending ? 'Sending…' : 'Send my answers'}</button>
        ${mine ? html`<button type="button" class="cb-button cb-button--secondary" @click=${cancel}>Cancel</button>` : nothing}
      </div>
    </form>`
  }

  #submit (event, feedback) {
    event.preventDefault()
    const $form = event.currentTarget
    const key = 'feedback'
    const answers = []
    for (const q of feedback.questions ?? []) {
      if (q.rated) {
        const checked = $form.querySelector(`input[name="fb-${CSS.escape(q.id)}"]:checked`)
        if (checked) answers.push({ question: q.id, rating: Number(checked.value) })
      } else {
        const text = $form.querySelector(`#fb-${CSS.escape(q.id)}-text`)?.value.trim() ?? ''
        if (text.length > TEXT_MAX) return this.fail(key, `Use ${TEXT_MAX} characters or fewer.`, `fb-${q.id}-text`)
        if (text) answers.push({ question: q.id, text })
      }
    }
    if (!answers.length) return this.fail(key, 'Answer at least one question first.', 'feedback-first')
    this.#send(answers)
  }

  async #send (answers) {
    const key = 'feedback'
    this.sending.add(key)
    this.errors.delete(key)
    this.refresh()
    try {
      await this.connection.send({ type: 'give_feedback', answers })
      this.editing = false
      this.announce('Thank you. Your answers are saved.')
    } catch (error) {
      this.errors.set(key, error?.message ?? 'Your answers were not sent. Try again.')
      this.said(key)
    } finally {
      this.sending.delete(key)
      this.refresh()
    }
    if (!this.errors.has(key)) this.focus('d2-heading')
  }
}
