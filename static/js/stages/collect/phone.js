// Collect on a phone: add your own statement (which question, your words,
// at most 600 characters), see your own, then what people said.

import { PhoneStatements } from '../../components/phone-statements.js'
import { html, nothing, ref, repeat } from '../../lit.js'
import { allowed } from '../../policy.js'
import { StatementForm } from './statement-form.js'

export class CollectPhone extends PhoneStatements {
  constructor ($root, context) {
    super($root, context)
    this.connection = context.connection
    this.announce = context.announce
    this.form = null
  }

  before (state) {
    const yours = state.statements.filter((s) => s.mine)
    const attach = ($form) => {
      if ($form && !this.form) this.form = new StatementForm($form, { connection: this.connection, announce: this.announce })
    }
    if (!allowed(this.connection, 'write_statement', state)) return nothing
    return html`<section class="cb-collect js-collect" aria-labelledby="collect-heading">
      <h2 id="collect-heading">Add your own statement</h2>
      <p class="cb-hint">Say it in your own words. Your name is not shown with it.</p>
      <form class="js-statement-form" novalidate ${ref(attach)}>
        <div class="cb-form-group js-statement-group">
          <p class="cb-error-message js-statement-error" id="statement-error" hidden></p>
          <fieldset class="cb-fieldset">
            <legend>What is it about?</legend>
            <div class="cb-choice cb-choice--radio">
              <input class="cb-choice__input" type="radio" name="statement-category" id="statement-working" value="working">
              <label class="cb-choice__label" for="statement-working"><span class="cb-choice__title">Something that is working</span></label>
            </div>
            <div class="cb-choice cb-choice--radio">
              <input class="cb-choice__input" type="radio" name="statement-category" id="statement-not-working" value="not working">
              <label class="cb-choice__label" for="statement-not-working"><span class="cb-choice__title">Something that is not working</span></label>
            </div>
            <div class="cb-choice cb-choice--radio">
              <input class="cb-choice__input" type="radio" name="statement-category" id="statement-future" value="future">
              <label class="cb-choice__label" for="statement-future"><span class="cb-choice__title">Something that matters for the future</span></label>
            </div>
          </fieldset>
          <label class="cb-label" for="statement-text">Your statement</label>
          <p class="cb-hint" id="statement-text-hint">For example: “I can’t get an appointment when I need one.”</p>
          <textarea class="cb-textarea js-statement-text" id="statement-text" rows="4"
                    aria-describedby="statement-text-hint statement-count"></textarea>
          <p class="cb-hint cb-character-count__message js-statement-count" id="statement-count"></p>
        </div>
        <button class="cb-button cb-button--block" type="submit">Add my statement</button>
      </form>
      ${yours.length
        ? html`<section class="cb-yours js-yours" aria-labelledby="yours-heading">
            <h3 id="yours-heading">Your statements</h3>
            <ul class="cb-card-list js-yours-list">${repeat(yours, (s) => s.id, (s) => html`<li class="cb-card">
              <p class="cb-card__tags"><span class="cb-tag">Yours</span></p>
              <p class="cb-card__text">${s.text}</p>
              ${s.hidden ? html`<p class="cb-card__note">Only the facilitator can see this for now.</p>` : nothing}
              ${this.readAloud?.button(s.text) ?? nothing}
            </li>`)}</ul>
          </section>`
        : nothing}
    </section>`
  }
}
