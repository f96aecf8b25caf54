// Understand on a phone: for each theme taken forward, ask "why?" and add
// reasons, then "why?" again under any reason, as a tree.

import { themeById } from '../../board-state.js'
import { PhoneWork } from '../../components/phone-work.js'
import { causeTree } from '../../day-two-words.js'
import { html, nothing, repeat } from '../../lit.js'

export class UnderstandPhone extends PhoneWork {
  template (state) {
    const themes = (state.carried ?? []).map((id) => themeById(state, id)).filter(Boolean)
    return html`${this.heading('Why does this happen?', 'Ask “why?” again and again to find the real reasons.')}
      ${themes.length
        ? repeat(themes, (t) => t.id, (theme) => this.#why(state, theme))
        : this.empty('The facilitator has not chosen what to work on yet.')}`
  }

  #why (state, theme) {
    const tree = causeTree(state.causes, theme.id)
    const said = theme.i_statement || theme.title
    const key = `why-${theme.id}`
    return html`<article class="cb-d2-card cb-d2-theme" data-theme=${theme.id}>
      <p class="cb-kicker">${theme.title}</p>
      <h3 class="cb-d2-theme__i">${theme.i_statement ? `“${theme.i_statement}”` : theme.title}</h3>
      ${this.speak(said)}
      ${!this.can('add_cause') ? nothing : this.toggle(key, 'Add a reason', () => this.textForm(key, {
        label: 'Why does this happen?',
        hint: 'Say one reason, in a few words.',
        submit: 'Add this reason',
        command: (text) => ({ type: 'add_cause', theme_id: theme.id, text }),
        done: 'Your reason is added.'
      }), { secondary: false })}
      ${tree.length
        ? html`<ul class="cb-why-tree" aria-label="Reasons for: ${said}">${this.#causes(theme, tree, 1)}</ul>`
        : this.empty('No reasons yet. Be the first to add one.')}
    </article>`
  }

  #causes (theme, nodes, depth) {
    return repeat(nodes, (node) => node.cause.id, (node) => this.#cause(theme, node, depth))
  }

  #cause (theme, { cause, children }, depth) {
    const key = `deeper-${cause.id}`
    return html`<li class="cb-why ${cause.chosen ? 'cb-why--chosen' : ''}" data-cause=${cause.id} data-depth=${String(depth)}>
      <div class="cb-why__box">
        ${depth > 1 ? html`<p class="cb-why__because">Because:</p>` : nothing}
        <p class="cb-why__text" id="cause-${cause.id}">${cause.text}</p>
        ${cause.chosen ? html`<p class="cb-why__tags"><span class="cb-tag cb-tag--chosen">✓ Chosen</span></p>` : nothing}
        <div class="cb-d2-actions">
          ${this.speak(cause.text)}
          ${!this.can('add_cause') ? nothing : this.toggle(key, 'Ask why? again', () => this.textForm(key, {
            label: `Why does this happen: “${cause.text}”?`,
            hint: 'Say one deeper reason.',
            submit: 'Add this reason',
            command: (text) => ({ type: 'add_cause', theme_id: theme.id, parent_id: cause.id, text }),
            done: 'Your deeper reason is added.'
          }))}
        </div>
      </div>
      ${children.length
        ? html`<ul class="cb-why-tree cb-why-tree--deeper">${this.#causes(theme, children, depth + 1)}</ul>`
        : nothing}
    </li>`
  }
}
