// "Where this came from": walk back from an action, idea, success statement
// or root cause to the theme and the words people said in their reviews,
// built from the client's own state. The ids link it all up:
// action.idea_id → idea.serves → success.cause_id → cause.parent_id … →
// cause.theme_id → statement.theme_id. Statements are named by review code.

import { plural } from '../dom.js'
import { html, nothing } from '../lit.js'
import { dateWords, kindWord, perspectiveTitle, statusTitle } from '../report-words.js'

const byId = (list, id) => (list ?? []).find((x) => x.id === id) ?? null

/** A cause and every "why?" it answers, from this cause up to the top. */
export function causeChain (state, causeId) {
  const chain = []
  const seen = new Set()
  let current = byId(state.causes, causeId)
  while (current && !seen.has(current.id)) {
    seen.add(current.id)
    chain.push(current)
    current = current.parent_id ? byId(state.causes, current.parent_id) : null
  }
  return chain
}

/**
 * The trail behind one item, as plain data:
 * {action, idea, successes: [{success, chain: [cause…]}], themes: [{theme, statements}]}
 * `kind` is 'action', 'idea', 'success' or 'cause'.
 */
export function traceOf (state, kind, id) {
  const trail = { action: null, idea: null, successes: [], causes: [], themes: [] }
  let ideaId = null
  if (kind === 'action') {
    trail.action = byId(state.actions, id)
    ideaId = trail.action?.idea_id ?? null
  }
  if (kind === 'idea') ideaId = id
  if (ideaId) trail.idea = byId(state.ideas, ideaId)
  let successes = []
  if (trail.idea) successes = (trail.idea.serves ?? []).map((s) => byId(state.successes, s)).filter(Boolean)
  if (kind === 'success') successes = [byId(state.successes, id)].filter(Boolean)
  trail.successes = successes.map((success) => ({ success, chain: causeChain(state, success.cause_id) }))
  if (kind === 'cause') trail.causes = [causeChain(state, id)]
  const chains = [...trail.successes.map((s) => s.chain), ...trail.causes]
  const themeIds = [...new Set(chains.map((chain) => chain[0]?.theme_id).filter(Boolean))]
  trail.themes = themeIds.map((themeId) => ({
    theme: byId(state.themes, themeId) ?? { id: themeId, title: '(a theme no longer on the board)', i_statement: '' },
    statements: (state.statements ?? []).filter((s) => s.theme_id === themeId && !s.hidden)
  }))
  return trail
}

function chainView (chain) {
  if (!chain.length) return html`<p class="cb-hint">The root cause is no longer on the board.</p>`
  return html`<ol class="cb-trace__chain">${chain.map((cause, i) => html`<li><span
    class="cb-trace__label">${i === 0 ? 'Root cause: ' : 'which answers “why?” to: '}</span><span
    class="cb-trace__text">${cause.text}</span></li>`)}</ol>`
}

/** The trail as a list a person can read, top (what was done) to bottom (what people said). */
export function traceView (state, kind, id) {
  const trail = traceOf(state, kind, id)
  const step = (...parts) => html`<li class="cb-trace__step">${parts}</li>`
  const steps = []
  if (trail.action) {
    const when = dateWords(trail.action.due)
    steps.push(step(html`<span class="cb-trace__label">Action: </span>`, html`<span class="cb-trace__text">${trail.action.text}</span>`,
      html`<span class="cb-trace__meta"> (who: ${trail.action.owner || 'not agreed yet'}${when ? `; by ${when}` : ''}; ${statusTitle(trail.action.status).toLowerCase()})</span>`))
  }
  if (kind === 'action' && !trail.idea) steps.push(step('This action is not linked to an idea, so the trail stops here.'))
  if (trail.idea) {
    steps.push(step(html`<span class="cb-trace__label">Idea (${kindWord(trail.idea.kind)}): </span>`,
      html`<span class="cb-trace__text">${trail.idea.text}</span>`))
    if (!trail.successes.length) steps.push(step('This idea is not linked to a success statement, so the trail stops here.'))
  }
  for (const { success, chain } of trail.successes) {
    steps.push(step(html`<span class="cb-trace__label">Success, for ${perspectiveTitle(success.perspective).replace(/^The /, 'the ')}: </span>`,
      html`<span class="cb-trace__text">${success.text}</span>`, chainView(chain)))
  }
  for (const chain of trail.causes) steps.push(step(chainView(chain)))
  for (const { theme, statements } of trail.themes) {
    steps.push(step(html`<span class="cb-trace__label">Theme: </span>`, html`<span class="cb-trace__text">${theme.title}</span>`,
      theme.i_statement ? html`<span class="cb-trace__quote"> “${theme.i_statement}”</span>` : nothing,
      html`<p class="cb-trace__said">What people said (${plural(statements.length, 'statement')}):</p>`,
      statements.length
        ? html`<ul class="cb-trace__statements">${statements.map((s) => html`<li><strong
            class="cb-trace__review">${s.review ? `Review ${s.review}` : 'No review code'}</strong>: <span>${s.text}</span></li>`)}</ul>`
        : html`<p class="cb-hint">No statements are in this theme.</p>`))
  }
  return html`<ol class="cb-trace">${steps}</ol>`
}

/** A closed "Where this came from" fold. */
export function traceDetails (state, kind, id) {
  return html`<details class="cb-trace-box">
    <summary class="cb-trace-box__summary">Where this came from</summary>
    ${traceView(state, kind, id)}
  </details>`
}
