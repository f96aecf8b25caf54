// The second day in the full report, in workshop order: root causes (with
// the success statements of the chosen ones), ideas, the investment grid,
// the action plan with each action's trail back to the review codes, and
// feedback. Drawn from report.json (board/report.py); user text goes in
// with textContent only.

import { h, plural } from './dom.js'
import { feedbackSummary } from './report-feedback.js'
import { gridByQuadrant, gridKey, gridLegend, gridPicture } from './report-grid.js'
import { IDEA_KINDS, PERSPECTIVES, dateWords, kindWord, perspectiveTitle, quadrantOne, statusTitle } from './report-words.js'

function section (id, title, ...children) {
  return h('section', { className: 'cb-report-section cb-report-break', attrs: { 'aria-labelledby': id } },
    h('h3', { id, text: title }), children)
}

// ---- root causes --------------------------------------------------------------------

function causeItem (cause, depth) {
  const successes = cause.successes ?? []
  return h('li', { className: `cb-report-cause${cause.chosen ? ' cb-report-cause--chosen' : ''}` },
    h('p', { className: 'cb-report-cause__text' },
      depth > 1 ? h('span', { className: 'cb-report-cause__why', text: 'Why? ' }) : null,
      h('span', { text: cause.text }),
      cause.chosen ? h('span', { className: 'cb-tag cb-report-tag', text: '✓ Chosen root cause' }) : null),
    cause.chosen && successes.length
      ? h('div', { className: 'cb-report-success' },
        h('p', { className: 'cb-report-success__title', text: 'What success would look like:' }),
        h('dl', { className: 'cb-report-success__list' }, PERSPECTIVES.map((p) => {
          const said = successes.filter((s) => s.perspective === p.value)
          if (!said.length) return null
          return [h('dt', { text: p.title }), said.map((s) => h('dd', { text: s.text }))]
        })))
      : (cause.chosen ? h('p', { className: 'cb-hint', text: 'No success statements yet.' }) : null),
    cause.why?.length
      ? h('ul', { className: 'cb-report-causes' }, cause.why.map((c) => causeItem(c, depth + 1)))
      : null)
}

function rootCausesSection (data) {
  const trees = data.root_causes ?? []
  const themes = new Map((data.themes ?? []).map((t) => [t.id, t]))
  return section('full-causes', 'Root causes',
    trees.length
      ? [
          h('p', { text: 'For each theme taken forward, the room asked “why?” again and again. Deeper causes sit under the cause they explain. The chosen root causes are marked, with what success would look like from each point of view.' }),
          trees.map((tree, i) => {
            const theme = themes.get(tree.theme_id)
            const id = `causes-${i + 1}`
            return h('section', { className: 'cb-report-theme', attrs: { 'aria-labelledby': id } },
              h('h4', { id, className: 'cb-report-theme__title', text: tree.theme }),
              theme?.i_statement ? h('p', { className: 'cb-report-quote', text: `“${theme.i_statement}”` }) : null,
              h('ul', { className: 'cb-report-causes cb-report-causes--top' }, tree.why.map((c) => causeItem(c, 1))))
          })
        ]
      : h('p', { text: '(none yet)' }))
}

// ---- ideas ------------------------------------------------------------------------

function ideasSection (data) {
  const ideas = data.ideas ?? []
  return section('full-ideas', 'Ideas',
    ideas.length
      ? [
          h('p', { text: `First what is already in place, then new ideas of three kinds. ${plural(ideas.filter((i) => i.shortlisted).length, 'idea was', 'ideas were')} shortlisted for the investment grid.` }),
          IDEA_KINDS.map((kind) => {
            const list = ideas.filter((i) => i.kind === kind.value)
            const id = `ideas-${kind.value.replace(/\s+/g, '-')}`
            return h('section', { className: 'cb-report-category', attrs: { 'aria-labelledby': id } },
              h('h4', { id, text: `${kind.title} (${list.length})` }),
              list.length
                ? h('ul', { className: 'cb-report-statements' }, list.map((idea) =>
                  h('li', { className: 'cb-report-statement' },
                    h('span', { className: 'cb-report-statement__text' },
                      idea.text,
                      idea.shortlisted ? h('span', { className: 'cb-tag cb-report-tag cb-report-idea-tag', text: '✓ Shortlisted' }) : null),
                    idea.serves?.length
                      ? h('span', { className: 'cb-report-statement__meta', text: `Would bring: ${idea.serves.map((s) => `“${s}”`).join('; ')}` })
                      : null)))
                : h('p', { className: 'cb-hint', text: 'None.' }))
          })
        ]
      : h('p', { text: '(none yet)' }))
}

// ---- the investment grid ---------------------------------------------------------------

function gridSection (data) {
  const items = (data.ideas ?? []).filter((i) => i.shortlisted).map((idea, i) => ({
    n: i + 1, id: idea.id, label: idea.text, room: idea.room, placement: idea.placement, quadrant: idea.quadrant
  }))
  return section('full-grid', 'The investment grid',
    items.length
      ? [
          h('p', { text: 'Each shortlisted idea placed by cost (across) and benefit (up). Quick wins are low cost and high benefit; major projects are high cost and high benefit; fill-ins are low cost and low benefit; thankless tasks are high cost and low benefit. Ratings run from 1 (low) to 5 (high); above 3 counts as high.' }),
          h('figure', { className: 'cb-report-figure cb-report-grid js-report-grid' },
            gridPicture(items, { title: 'The investment grid: shortlisted ideas by cost and benefit' }),
            h('figcaption', {}, gridKey(), gridLegend(items))),
          h('h4', { text: 'The ideas by quadrant' }),
          gridByQuadrant(items, { headingLevel: 'h5', idPrefix: 'report-grid', brief: true })
        ]
      : h('p', { text: '(none yet)' }))
}

// ---- the action plan ------------------------------------------------------------------

/** Reviews behind a theme, by code: "R01, R03 and R07". */
function reviewCodes (statements) {
  const codes = [...new Set(statements.map((s) => s.review).filter(Boolean))]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  if (!codes.length) return 'no review codes'
  return codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`
}

function trailView (trail) {
  if (!trail) return null
  const steps = []
  if (trail.idea) steps.push(h('li', {}, h('strong', { text: `Idea (${kindWord(trail.idea.kind)}): ` }), trail.idea.text))
  else steps.push(h('li', { text: 'Not linked to an idea.' }))
  for (const s of trail.successes ?? []) {
    steps.push(h('li', {}, h('strong', { text: `Success for ${perspectiveTitle(s.perspective).replace(/^The /, 'the ')}: ` }), s.text))
    const chain = trail.causes?.[s.cause_id] ?? []
    chain.forEach((cause, i) => steps.push(h('li', {},
      h('strong', { text: i === 0 ? 'Root cause: ' : 'Which answers “why?” to: ' }), cause.text)))
  }
  for (const theme of trail.themes ?? []) {
    steps.push(h('li', {},
      h('strong', { text: 'Theme: ' }), theme.title,
      theme.i_statement ? ` — “${theme.i_statement}”` : ''))
    steps.push(h('li', { className: 'cb-report-trail__reviews' },
      h('strong', { text: 'From reviews: ' }),
      `${reviewCodes(theme.statements ?? [])} (${plural((theme.statements ?? []).length, 'statement')})`))
  }
  return h('div', { className: 'cb-report-trail' },
    h('p', { className: 'cb-report-trail__title', text: 'Where it came from:' }),
    h('ol', { className: 'cb-report-trail__steps' }, steps))
}

function planSection (data) {
  const actions = data.actions ?? []
  return section('full-plan', 'Action plan',
    actions.length
      ? [
          h('p', { text: `${plural(actions.length, 'action')}. Quick wins come first. Each action shows the path back to what people said in their reviews.` }),
          h('ol', { className: 'cb-report-plan js-plan' }, actions.map((a) => {
            const when = dateWords(a.due)
            return h('li', { className: 'cb-report-action' },
              h('p', { className: 'cb-report-action__text' },
                h('strong', { text: a.text }),
                a.quadrant ? h('span', { className: 'cb-tag cb-report-tag', text: quadrantOne(a.quadrant) }) : null),
              h('p', { className: 'cb-report-action__meta', text: `Who: ${a.owner || 'not agreed yet'} · ${when ? `by ${when}` : 'no date yet'} · ${statusTitle(a.status)}` }),
              trailView(a.trail))
          }))
        ]
      : h('p', { text: '(none yet)' }))
}

// ---- feedback ---------------------------------------------------------------------------

function feedbackSection (data) {
  const summary = data.feedback ?? []
  const answered = Math.max(0, ...summary.map((q) => q.answered ?? 0))
  return section('full-feedback', 'Feedback',
    answered
      ? [
          h('p', { text: 'What people said about the day. Nobody is named.' }),
          feedbackSummary(summary, { headingLevel: 'h4', idPrefix: 'report-fb' })
        ]
      : h('p', { text: '(none yet)' }))
}

/** The second day's sections of the full report, in workshop order. */
export function dayTwoSections (data) {
  return [rootCausesSection(data), ideasSection(data), gridSection(data), planSection(data), feedbackSection(data)]
}
