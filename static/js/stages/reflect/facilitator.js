// Reflect on the console: what people said about the day, per question
// (how many answered, the ratings as bars with numbers, the average, the
// words people wrote, never with names), beside the action plan.

import { ConsolePanel, consoleView } from '../../components/console-panel.js'
import { plural } from '../../dom.js'
import { html } from '../../lit.js'
import { feedbackSummary } from '../../report-feedback.js'
import { PlanPanel } from '../plan/facilitator.js'

export class FeedbackPanel extends ConsolePanel {
  get readingLabel () {
    return 'What people said about the day'
  }

  template (state) {
    const feedback = state.feedback ?? {}
    if (!feedback.summary) {
      return html`<p class="cb-hint">No feedback yet. People answer a few short questions on their phones at this stage.</p>`
    }
    return html`<p class="js-feedback-total">${plural(feedback.answered ?? 0, 'person has', 'people have')} given feedback. Nobody’s name is shown.</p>
      ${feedbackSummary(feedback.summary)}`
  }
}

export const ReflectConsole = consoleView(
  { Panel: FeedbackPanel, id: 'reflect', title: 'Feedback on the day', hook: 'js-feedback' },
  { Panel: PlanPanel, id: 'plan', title: 'Action plan', hook: 'js-plan' }
)
