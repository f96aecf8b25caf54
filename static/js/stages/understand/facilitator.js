// Understand on the console: for each theme carried forward, the "why?"
// tree. Add a cause at any level, reword, merge two causes (choose which
// one to keep), delete with a confirm, see where a cause came from; then
// tick the root causes to work on. A dot vote on the causes is one click.

import { ConsolePanel, addForm, carriedThemes, causesUnder, consoleView, split } from '../../components/console-panel.js'
import { traceDetails } from '../../components/trace.js'
import { showButton } from '../../components/wall-panel.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'

export class CausesPanel extends ConsolePanel {
  /** @param {object} context  also `vote`: the console's VoteConsole */
  constructor ($root, context) {
    super($root, context)
    this.vote = context.vote
  }

  template (state) {
    const themes = carriedThemes(state)
    if (!themes.length) {
      return html`<p class="cb-hint">No themes are carried forward yet. Go back to Prioritise and carry the chosen themes forward.</p>`
    }
    const causes = (state.causes ?? []).filter((c) => themes.some((t) => t.id === c.theme_id))
    return split(
      html`<p class="cb-hint">For each theme, ask “why?” again and again. Add a cause under another to answer “why?” to it. People can add causes from their phones too.</p>
        <div class="cb-why-columns">${repeat(themes, (t) => t.id, (theme) => this.#theme(state, theme))}</div>`,
      html`${this.#choose(state, themes, causes)}
        ${causes.length
          ? html`<div class="cb-button-group"><button type="button" class="cb-button cb-button--secondary"
              @click=${() => this.vote.openOn('causes', causes.map((c) => c.id))}>Open a dot vote on these causes</button></div>`
          : html`<p class="cb-hint">The causes people give appear here to choose from.</p>`}`)
  }

  #add (themeId, parentId, fieldId) {
    return async ($form) => {
      const text = this.words($form, 'text', 'Type the cause first.')
      if (!text) return
      const ok = await this.send({ type: 'add_cause', theme_id: themeId, ...(parentId ? { parent_id: parentId } : {}), text },
        parentId ? 'Deeper cause added.' : 'Cause added.')
      if (ok) this.clearField(fieldId)
    }
  }

  #theme (state, theme) {
    const headingId = `why-${theme.id}`
    const top = causesUnder(state, theme.id, null)
    const fieldId = `cause-new-${theme.id}`
    return html`<section class="cb-why" aria-labelledby=${headingId}>
      <h3 id=${headingId} class="cb-why__theme">${theme.title}</h3>
      ${theme.i_statement ? html`<p class="cb-why__quote">“${theme.i_statement}”</p>` : nothing}
      <p class="cb-why__wall">${showButton(state, { kind: 'causes', id: theme.id }, this, 'Show this tree on the wall')}</p>
      ${addForm({ form: 'add-cause', id: fieldId, label: `Why? Add a cause of “${theme.title}”`, button: 'Add the cause', onAdd: this.#add(theme.id, null, fieldId) })}
      ${top.length
        ? html`<ul class="cb-tree" aria-label="Causes of “${theme.title}”">${this.#causes(state, top, 1)}</ul>`
        : html`<p class="cb-hint">No causes yet.</p>`}
    </section>`
  }

  #causes (state, causes, depth) {
    return repeat(causes, (c) => c.id, (cause) => this.#cause(state, cause, depth))
  }

  #cause (state, cause, depth) {
    const children = causesUnder(state, cause.theme_id, cause.id)
    const siblings = (state.causes ?? []).filter((c) => c.theme_id === cause.theme_id && c.id !== cause.id)
    const mergeId = `merge-${cause.id}`
    const fieldId = `cause-under-${cause.id}`
    const merge = this.onSubmit(async ($form) => {
      const into = $form.querySelector('select[name="into"]').value
      if (!into) {
        this.showError('Choose the cause to merge it into.')
        this.announce('Choose the cause to merge it into.')
        return
      }
      await this.send({ type: 'merge_causes', cause_id: cause.id, into_id: into }, 'Causes merged. You can undo this from “Recent changes you can undo”.')
    })
    const mergeForm = siblings.length
      ? html`<form class="cb-inline-form" data-form="merge" novalidate @submit=${merge}>
          <label class="cb-label" for=${mergeId}>Merge into another cause (the same cause in other words)</label>
          <p class="cb-hint" id="${mergeId}-hint">This cause goes; its deeper causes and success statements move to the one you choose.</p>
          <div class="cb-inline-form__row">
            <select class="cb-select" id=${mergeId} name="into" aria-describedby="${mergeId}-hint">
              <option value="">Choose the cause to keep</option>
              ${siblings.map((c) => html`<option value=${c.id}>${c.text.length > 80 ? `${c.text.slice(0, 79)}…` : c.text}</option>`)}
            </select>
            <button type="submit" class="cb-button cb-button--secondary">Merge</button>
          </div>
        </form>`
      : nothing
    return html`<li class="cb-tree__item" data-cause=${cause.id}>
      <div class="cb-item ${cause.chosen ? 'cb-item--chosen' : ''}">
        <p class="cb-item__text">${depth > 1 ? html`<span class="cb-item__why">Why? </span>` : nothing}<span
          class="js-cause-text">${cause.text}</span>${cause.chosen ? html`<span class="cb-tag cb-tag--chosen">✓ Root cause to work on</span>` : nothing}</p>
        <div class="cb-item__tools">
          <details class="cb-item-tools">
            <summary class="cb-item-tools__summary">Ask “why?” again<span class="cb-visually-hidden">: a deeper cause of “${cause.text}”</span></summary>
            <div class="cb-item-tools__body">
              ${addForm({ form: 'add-cause', id: fieldId, label: `Why does “${cause.text}” happen?`, button: 'Add the deeper cause', onAdd: this.#add(cause.theme_id, cause.id, fieldId) })}
            </div>
          </details>
          ${this.changeTools(cause, { noun: 'cause', extra: mergeForm })}
          ${traceDetails(state, 'cause', cause.id)}
        </div>
      </div>
      ${children.length
        ? html`<ul class="cb-tree" aria-label="Deeper causes of “${cause.text}”">${this.#causes(state, children, depth + 1)}</ul>`
        : nothing}
    </li>`
  }

  #choose (state, themes, causes) {
    if (!causes.length) return nothing
    const ticked = this.ticks('chosen', causes.filter((c) => c.chosen).map((c) => c.id))
    const boxes = (theme, parentId, depth) => causesUnder(state, theme.id, parentId).flatMap((c) => [
      html`<div class="cb-choice cb-choice--checkbox cb-choose__item" data-depth=${String(Math.min(depth, 4))}>
        ${this.tickBox(ticked, `choose-${c.id}`, c.id)}
        <label class="cb-choice__label" for="choose-${c.id}"><span class="cb-choice__title">${c.text}</span>${depth > 1
          ? html`<span class="cb-choice__hint">Answers “why?” to: ${state.causes.find((p) => p.id === c.parent_id)?.text ?? ''}</span>`
          : nothing}</label>
      </div>`,
      ...boxes(theme, c.id, depth + 1)
    ])
    const chosen = causes.filter((c) => c.chosen).length
    const save = this.onSubmit(async () => {
      const ids = causes.map((c) => c.id).filter((id) => ticked.has(id))
      await this.send({ type: 'choose_causes', cause_ids: ids },
        ids.length ? `${plural(ids.length, 'root cause')} chosen.` : 'No root causes chosen.')
    })
    return html`<form class="cb-choose" data-form="choose" novalidate @submit=${save}>
      <fieldset class="cb-fieldset">
        <legend class="cb-choose__legend">Choose the root causes to work on</legend>
        <p class="cb-hint">Tick the causes the room will say what success looks like for. ${chosen
          ? `${plural(chosen, 'cause is', 'causes are')} chosen now.` : 'None chosen yet.'}</p>
        ${themes.map((theme) => {
          const list = boxes(theme, null, 1)
          return list.length ? html`<div class="cb-choose__theme"><p class="cb-label">${theme.title}</p>${list}</div>` : nothing
        })}
      </fieldset>
      <div class="cb-sticky-actions"><button type="submit" class="cb-button">Save the chosen root causes</button></div>
    </form>`
  }
}

export const UnderstandConsole = consoleView({ Panel: CausesPanel, id: 'understand', title: 'Root causes', hook: 'js-causes' })
