// Reflect on the wall: how many have given feedback, and how to give it.

import { WallWork } from '../../components/wall-work.js'
import { html } from '../../lit.js'

export class ReflectWall extends WallWork {
  template (state) {
    const answered = state.feedback?.answered ?? 0
    return html`${this.heading('How did today go?')}
      <div class="cb-w2-reflect">
        <p class="cb-w2-reflect__number js-feedback-count"><span class="cb-w2-reflect__big">${answered}</span> ${answered === 1
          ? 'person has' : 'people have'} given feedback</p>
        <p>Tell us on your phone. Your answers are not shown with your name.</p>
        <p>Thank you for taking part.</p>
      </div>`
  }
}
