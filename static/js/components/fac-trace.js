// "Where this came from": walk back from an action, idea, success statement
// or root cause to the theme and the words people said in their reviews,
// built from the client's own state. The ids link it all up:
// action.idea_id → idea.serves → success.cause_id → cause.parent_id … →
// cause.theme_id → statement.theme_id. Statements are named by review code.

import { h, plural } from '../dom.js'
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
  if (!chain.length) return h('p', { className: 'cb-hint', text: 'The root cause is no longer on the board.' })
  return h('ol', { className: 'cb-trace__chain' }, chain.map((cause, i) =>
    h('li', {},
      h('span', { className: 'cb-trace__label', text: i === 0 ? 'Root cause: ' : 'which answers “why?” to: ' }),
      h('span', { className: 'cb-trace__text', text: cause.text }))))
}

/** The trail as a list a person can read, top (what was done) to bottom (what people said). */
export function traceView (state, kind, id) {
  const trail = traceOf(state, kind, id)
  const steps = []
  if (trail.action) {
    const when = dateWords(trail.action.due)
    steps.push(h('li', { className: 'cb-trace__step' },
      h('span', { className: 'cb-trace__label', text: 'Action: ' }),
      h('span', { className: 'cb-trace__text', text: trail.action.text }),
      h('span', { className: 'cb-trace__meta', text: ` (who: ${trail.action.owner || 'not agreed yet'}${when ? `; by ${when}` : ''}; ${statusTitle(trail.action.status).toLowerCase()})` })))
  }
  if (kind === 'action' && !trail.idea) {
    steps.push(h('li', { className: 'cb-trace__step', text: 'This action is not linked to an idea, so the trail stops here.' }))
  }
  if (trail.idea) {
    steps.push(h('li', { className: 'cb-trace__step' },
      h('span', { className: 'cb-trace__label', text: `Idea (${kindWord(trail.idea.kind)}): ` }),
      h('span', { className: 'cb-trace__text', text: trail.idea.text })))
    if (!trail.successes.length) {
      steps.push(h('li', { className: 'cb-trace__step', text: 'This idea is not linked to a success statement, so the trail stops here.' }))
    }
  }
  for (const { success, chain } of trail.successes) {
    steps.push(h('li', { className: 'cb-trace__step' },
      h('span', { className: 'cb-trace__label', text: `Success, for ${perspectiveTitle(success.perspective).replace(/^The /, 'the ')}: ` }),
      h('span', { className: 'cb-trace__text', text: success.text }),
      chainView(chain)))
  }
  for (const chain of trail.causes) steps.push(h('li', { className: 'cb-trace__step' }, chainView(chain)))
  for (const { theme, statements } of trail.themes) {
    steps.push(h('li', { className: 'cb-trace__step' },
      h('span', { className: 'cb-trace__label', text: 'Theme: ' }),
      h('span', { className: 'cb-trace__text', text: theme.title }),
      theme.i_statement ? h('span', { className: 'cb-trace__quote', text: ` “${theme.i_statement}”` }) : null,
      h('p', { className: 'cb-trace__said', text: `What people said (${plural(statements.length, 'statement')}):` }),
      statements.length
        ? h('ul', { className: 'cb-trace__statements' }, statements.map((s) =>
          h('li', {},
            h('strong', { className: 'cb-trace__review', text: s.review ? `Review ${s.review}` : 'No review code' }),
            ': ',
            h('span', { text: s.text }))))
        : h('p', { className: 'cb-hint', text: 'No statements are in this theme.' })))
  }
  return h('ol', { className: 'cb-trace' }, steps)
}

/** A closed "Where this came from" disclosure; keeps open across re-renders (data-key). */
export function traceDetails (state, kind, id) {
  return h('details', { className: 'cb-trace-box', dataset: { key: `trace-${id}` } },
    h('summary', { className: 'cb-trace-box__summary', dataset: { key: `trace-${id}-summary` }, text: 'Where this came from' }),
    traceView(state, kind, id))
}
