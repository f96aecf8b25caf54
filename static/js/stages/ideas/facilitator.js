// Ideas on the console: first what is already in place, then radical,
// traditional and different ideas, each linked to the success statements it
// serves. Add, reword, delete, trace; a dot vote on ideas; tick the
// shortlist for the investment grid.

import { ConsolePanel, consoleView, split } from '../../components/console-panel.js'
import { traceDetails } from '../../components/trace.js'
import { plural } from '../../dom.js'
import { html, nothing, repeat } from '../../lit.js'
import { allowed } from '../../policy.js'
import { IDEA_KINDS, perspectiveTitle } from '../../report-words.js'

/** Ideas that can go on the grid: everything but "already in place" notes. */
export function newIdeas (state) {
  return (state.ideas ?? []).filter((i) => i.kind !== 'in place')
}

const slug = (value) => value.replace(/\s+/g, '-')

export class IdeasPanel extends ConsolePanel {
  /** @param {object} context  also `vote`: the console's VoteConsole */
  constructor ($root, context) {
    super($root, context)
    this.vote = context.vote
  }

  template (state) {
    return split(
      html`<p class="cb-hint">First note what is already in place. Then collect ideas of three kinds. Link each idea to the success it would bring.</p>
        ${this.#addForm(state)}`,
      IDEA_KINDS.map((kind) => this.#kind(state, kind)),
      newIdeas(state).length ? this.#shortlist(state) : html`<p class="cb-hint">Ideas to shortlist for the investment grid appear here.</p>`)
  }

  #addForm (state) {
    const successes = state.successes ?? []
    const causes = (state.causes ?? []).filter((c) => successes.some((s) => s.cause_id === c.id))
    const add = this.onSubmit(async ($form) => {
      const text = this.words($form, 'text', 'Type the idea first.')
      if (!text) return
      const kind = $form.querySelector('input[name="kind"]:checked')?.value ?? 'radical'
      const serves = [...$form.querySelectorAll('input[name="serves"]:checked')].map((c) => c.value)
      const ok = await this.send({ type: 'add_idea', kind, text, serves },
        kind === 'in place' ? 'Added to what is already in place.' : 'Idea added.')
      if (ok) {
        for (const $box of $form.querySelectorAll('input[name="serves"]:checked')) $box.checked = false
        this.clearField('idea-new-text')
      }
    })
    return html`<form class="cb-add-idea" data-form="add-idea" novalidate @submit=${add}>
      <h3>Add an idea</h3>
      <div class="cb-form-group">
        <label class="cb-label" for="idea-new-text">The idea, or what is in place</label>
        <input class="cb-input" id="idea-new-text" name="text" type="text" maxlength="600" autocomplete="off">
      </div>
      <fieldset class="cb-fieldset">
        <legend>What kind?</legend>
        <div class="cb-kinds">${IDEA_KINDS.map((k, i) => html`<div class="cb-choice cb-choice--radio">
          <input class="cb-choice__input" type="radio" name="kind" id="idea-kind-${slug(k.value)}" value=${k.value} ?checked=${i === 0}>
          <label class="cb-choice__label" for="idea-kind-${slug(k.value)}"><span class="cb-choice__title">${k.title}</span><span
            class="cb-visually-hidden">: ${k.hint}</span></label>
        </div>`)}</div>
      </fieldset>
      ${successes.length
        ? html`<fieldset class="cb-fieldset cb-serves">
            <legend>Which success would it bring? (tick any)</legend>
            <div class="cb-serves__list">${repeat(causes, (c) => c.id, (cause) => html`<div class="cb-serves__cause">
              <p class="cb-label">Root cause: ${cause.text}</p>
              ${repeat(successes.filter((s) => s.cause_id === cause.id), (s) => s.id, (s) => html`<div class="cb-choice cb-choice--checkbox">
                <input class="cb-choice__input" type="checkbox" name="serves" id="serves-${s.id}" value=${s.id}>
                <label class="cb-choice__label" for="serves-${s.id}"><span class="cb-choice__title">${s.text}</span><span
                  class="cb-choice__hint">${perspectiveTitle(s.perspective)}</span></label>
              </div>`)}
            </div>`)}</div>
          </fieldset>`
        : html`<p class="cb-hint">No success statements yet, so this idea will not be linked to one.</p>`}
      <div class="cb-sticky-actions"><button type="submit" class="cb-button">Add the idea</button></div>
    </form>`
  }

  #kind (state, kind) {
    const ideas = (state.ideas ?? []).filter((i) => i.kind === kind.value)
    const headingId = `ideas-${slug(kind.value)}`
    return html`<section class="cb-idea-kind" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${kind.title} (${ideas.length})</h3>
      <p class="cb-hint">${kind.hint}</p>
      ${ideas.length
        ? html`<ul class="cb-items">${repeat(ideas, (i) => i.id, (idea) => this.#idea(state, idea))}</ul>`
        : html`<p class="cb-hint">None yet.</p>`}
    </section>`
  }

  #idea (state, idea) {
    const serves = (idea.serves ?? []).map((id) => (state.successes ?? []).find((s) => s.id === id)).filter(Boolean)
    return html`<li class="cb-item ${idea.shortlisted ? 'cb-item--chosen' : ''}" data-idea=${idea.id}>
      <p class="cb-item__text"><span>${idea.text}</span>${idea.shortlisted ? html`<span class="cb-tag cb-tag--chosen">✓ Shortlisted</span>` : nothing}</p>
      <p class="cb-item__meta">${serves.length ? `Would bring: ${serves.map((s) => `“${s.text}”`).join('; ')}` : 'Not linked to a success statement yet: link it under “Change or remove”.'}</p>
      <div class="cb-item__tools">
        ${this.changeTools(idea, { noun: 'idea', extra: this.#links(state, idea) })}
        ${traceDetails(state, 'idea', idea.id)}
      </div>
    </li>`
  }

  // Link or re-link an idea (one from a phone, say) to the success it would bring, so
  // it can be traced from the review statements to the action plan.
  #links (state, idea) {
    const successes = state.successes ?? []
    if (!allowed(this.connection, 'link_idea', state) || !successes.length) return nothing
    const ticked = this.ticks(`links-${idea.id}`, idea.serves ?? [])
    const causes = (state.causes ?? []).filter((c) => successes.some((s) => s.cause_id === c.id))
    const save = this.onSubmit(async () => {
      const serves = successes.map((s) => s.id).filter((id) => ticked.has(id))
      await this.send({ type: 'link_idea', idea_id: idea.id, serves },
        serves.length ? `Linked to ${plural(serves.length, 'success statement')}.` : 'No longer linked to a success statement.')
    })
    return html`<form class="cb-inline-form cb-links" data-form="link-idea" novalidate @submit=${save}>
      <fieldset class="cb-fieldset cb-serves">
        <legend>Which success would it bring?</legend>
        ${repeat(causes, (c) => c.id, (cause) => html`<div class="cb-serves__cause">
          <p class="cb-label">Root cause: ${cause.text}</p>
          ${repeat(successes.filter((s) => s.cause_id === cause.id), (s) => s.id, (s) => html`<div class="cb-choice cb-choice--checkbox">
            ${this.tickBox(ticked, `link-${idea.id}-${s.id}`, s.id)}
            <label class="cb-choice__label" for="link-${idea.id}-${s.id}"><span class="cb-choice__title">${s.text}</span><span
              class="cb-choice__hint">${perspectiveTitle(s.perspective)}</span></label>
          </div>`)}
        </div>`)}
      </fieldset>
      <button type="submit" class="cb-button cb-button--secondary">Save the links<span class="cb-visually-hidden"> of “${idea.text}”</span></button>
    </form>`
  }

  #shortlist (state) {
    const ideas = newIdeas(state)
    if (!ideas.length) return nothing
    const ticked = this.ticks('shortlist', ideas.filter((i) => i.shortlisted).map((i) => i.id))
    const chosen = ideas.filter((i) => i.shortlisted).length
    const save = this.onSubmit(async () => {
      const ids = ideas.map((i) => i.id).filter((id) => ticked.has(id))
      await this.send({ type: 'shortlist_ideas', idea_ids: ids },
        ids.length ? `${plural(ids.length, 'idea')} on the shortlist.` : 'The shortlist is empty.')
    })
    return html`<form class="cb-choose" data-form="shortlist" novalidate @submit=${save}>
      <fieldset class="cb-fieldset">
        <legend class="cb-choose__legend">Shortlist</legend>
        <p class="cb-hint">Tick the ideas to put on the investment grid. ${chosen
          ? `${plural(chosen, 'idea is', 'ideas are')} on the shortlist now.` : 'None yet.'} A dot vote can help the room choose.</p>
        ${repeat(ideas, (i) => i.id, (idea) => html`<div class="cb-choice cb-choice--checkbox">
          ${this.tickBox(ticked, `shortlist-${idea.id}`, idea.id)}
          <label class="cb-choice__label" for="shortlist-${idea.id}"><span class="cb-choice__title">${idea.text}</span></label>
        </div>`)}
      </fieldset>
      <div class="cb-button-group cb-sticky-actions">
        <button type="submit" class="cb-button">Save the shortlist</button>
        <button type="button" class="cb-button cb-button--secondary"
          @click=${() => this.vote.openOn('ideas', ideas.map((i) => i.id))}>Open a dot vote on the ideas</button>
      </div>
    </form>`
  }
}

export const IdeasConsole = consoleView({ Panel: IdeasPanel, id: 'ideas', title: 'Ideas', hook: 'js-ideas' })
