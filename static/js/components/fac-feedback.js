// Reflect: what people said about the day, per question: how many
// answered, the ratings as a small bar list with numbers, the average, and
// the words people wrote (sorted by the server, never with names).

import { h, plural } from '../dom.js'
import { feedbackSummary } from '../report-feedback.js'
import { FacPanel } from './fac-common.js'

export class FeedbackPanel extends FacPanel {
  keyOf (state) {
    return JSON.stringify(state.feedback ?? null)
  }

  build (state) {
    const feedback = state.feedback ?? {}
    if (!feedback.summary) {
      return h('p', { className: 'cb-hint', text: 'No feedback yet. People answer a few short questions on their phones at this stage.' })
    }
    return [
      h('p', { className: 'js-feedback-total', text: `${plural(feedback.answered ?? 0, 'person has', 'people have')} given feedback. Nobody’s name is shown.` }),
      feedbackSummary(feedback.summary)
    ]
  }
}
