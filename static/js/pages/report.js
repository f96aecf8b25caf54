// The commissioners' report: a one-page summary and the full report, drawn
// from /api/boards/{id}/report.json (board/report.py). Opened with a
// facilitator link or a read-only report link (#t=TOKEN). It prints to A4.
//
// Everything from the board is user text and goes in with textContent.
// The data names statements by review code only: no person, no one's votes.

import { Announcer } from '../announcer.js'
import { h, plural, replaceChildren } from '../dom.js'
import { barChart, bandsOf, bandsUsed, chartKey, splitInWords } from '../report-chart.js'
import { dayTwoSections } from '../report-day-two.js'
import { CATEGORIES, POOLED_KEY, POOLED_WHY } from '../words.js'

const $ = (selector) => document.querySelector(selector)
const announcer = new Announcer($('.js-status'))

// How many themes the one-page summary has room for (an I statement may be
// 600 characters: SUMMARY_FITS says how much of it). With an action plan to
// show, fewer themes.
const SUMMARY_THEMES = 5
const SUMMARY_THEMES_WITH_ACTIONS = 3

// The summary lists every action, quick wins first. Real plans have 5 to 20
// actions (the board allows 500); up to SUMMARY_ACTIONS_MOST, however long
// their words, all are listed and the summary still prints on one A4 page
// (tests/pages/test_report_page.py prints 30 long ones); beyond that it lists
// the first ones and says how many more the full report has.
const SUMMARY_ACTIONS_MOST = 30
// On paper, in two columns, each action is what, then a line with who, by
// when and its quadrant, cut with "…" (static/css/report.css, by data-fit).
// The more actions, the more the summary makes room. Up to `upTo` actions:
// roomy, what may take two lines; compact, one line, the chart's rows numbered
// beside their bars, shorter quotes, and the themes' dots in words on screen
// only (the chart prints the same numbers); dense, the actions also at 8.5pt.
// The full report has every word.
const SUMMARY_FITS = [
  { name: 'roomy', upTo: 6, month: 'long', quote: 80, compact: false },
  { name: 'compact', upTo: 16, month: 'short', quote: 60, compact: true },
  { name: 'dense', upTo: Infinity, month: 'short', quote: 60, compact: true }
]
// On screen, where nothing is cut by the line, the words are shortened.
const ACTION_TEXT = 120
const ACTION_OWNER = 60

const GROUP_WORDS = {
  patient: ['patient', 'patients'],
  carer: ['carer', 'carers'],
  professional: ['professional', 'professionals'],
  commissioner: ['commissioner', 'commissioners'],
  'third sector': ['person from the third sector', 'people from the third sector'],
  other: ['other person', 'other people']
}

const CHOICE = { 1: 'first choice', 2: 'second choice' }

// ---- small words -----------------------------------------------------------------

function groupCount (group, count) {
  const [one, many] = GROUP_WORDS[group] ?? [group, group]
  return `${count} ${count === 1 ? one : many}`
}

function listInWords (parts) {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

function categoryTitle (value) {
  return CATEGORIES.find((c) => c.value === value)?.title ?? value
}

function ordinal (n) {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`
}

function place (item) {
  return item.tied ? `Joint ${ordinal(item.rank)}` : ordinal(item.rank)
}

function today () {
  return new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}

/** "Tuesday 2 March 2027" from "2027-03-02". */
function dayInWords (day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '')
  if (!match) return String(day)
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]))
  const words = (options) => date.toLocaleDateString('en-GB', { ...options, timeZone: 'UTC' })
  return `${words({ weekday: 'long' })} ${words({ day: 'numeric', month: 'long', year: 'numeric' })}`
}

function byReview (a, b) {
  return String(a.review ?? '').localeCompare(String(b.review ?? ''), 'en', { numeric: true }) ||
    (a.priority ?? 9) - (b.priority ?? 9)
}

/** "R01 · first choice · said by their carer" */
function statementMeta (statement, { withTheme = false } = {}) {
  const parts = [statement.review ? `Review ${statement.review}` : 'No review code']
  parts.push(CHOICE[statement.priority] ?? 'also mentioned')
  if (statement.person === 'carer') parts.push('said by their carer')
  if (withTheme && statement.theme) parts.push(`theme: ${statement.theme}`)
  return parts.join(' · ')
}

function statementItem (statement, options) {
  return h('li', { className: 'cb-report-statement' },
    h('span', { className: 'cb-report-statement__text', text: statement.text }),
    h('span', { className: 'cb-report-statement__meta', text: statementMeta(statement, options) }))
}

function dotsLine (votes) {
  const bands = bandsOf(votes.by_group, votes.total)
  const split = splitInWords(bands)
  return `${plural(votes.total, 'dot')}${split ? `: ${split}` : ''}`
}

// ---- who took part ---------------------------------------------------------------

function participationText (data) {
  const joined = data.participation?.joined ?? 0
  const groups = Object.entries(data.participation?.by_group ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([group, n]) => groupCount(group, n))
  if (!joined) return 'Nobody has joined the board yet.'
  return `${plural(joined, 'person', 'people')} joined the board: ${listInWords(groups)}.`
}

function statementsText (data) {
  const s = data.statements ?? {}
  const counts = CATEGORIES.map((c) => `${s.by_category?.[c.value] ?? 0} ${c.short.toLowerCase()}`)
  return `${plural(s.total ?? 0, 'statement')} from reviews (${counts.join(', ')}). ` +
    `${plural(s.workshop ?? 0, 'statement was', 'statements were')} people’s first or second choice.`
}

function participationTable (data) {
  const rows = Object.entries(data.participation?.by_group ?? {}).sort((a, b) => b[1] - a[1])
  if (!rows.length) return h('p', { text: 'Nobody has joined the board yet.' })
  return h('table', { className: 'cb-report-table' },
    h('caption', { className: 'cb-visually-hidden', text: 'People who joined, by group' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Group' }), h('th', { scope: 'col', className: 'cb-num', text: 'People' }))),
    h('tbody', {}, rows.map(([group, n]) => h('tr', {},
      h('th', { scope: 'row', text: (GROUP_WORDS[group]?.[1] ?? group).replace(/^./, (c) => c.toUpperCase()) }),
      h('td', { className: 'cb-num', text: String(n) })))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', text: 'Everyone' }), h('td', { className: 'cb-num', text: String(data.participation?.joined ?? 0) }))))
}

// ---- charts ----------------------------------------------------------------------

function pooled (rows) {
  return bandsUsed(rows).some((b) => b.key === POOLED_KEY)
}

function chartWithKey (rows, title, { why = true, compact = false } = {}) {
  if (!rows.some((r) => r.total > 0)) return null
  return h('figure', { className: 'cb-report-figure' },
    chartKey(bandsUsed(rows)),
    why && pooled(rows) ? h('p', { className: 'cb-hint cb-report-why js-pooled-why', text: POOLED_WHY }) : null,
    barChart(rows, { title, compact }))
}

function shortened (text, most) {
  const clean = String(text ?? '').replace(/\s+/g, ' ').trim()
  return clean.length > most ? `${clean.slice(0, most - 1).trimEnd()}…` : clean
}

// ---- summary ---------------------------------------------------------------------

function dueInWords (due, { month = 'long' } = {}) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due ?? '')
  if (!match) return 'no date yet'
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]))
  return `by ${date.toLocaleDateString('en-GB', { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' })}`
}

function topThemeItem (theme, n, { category = true, quote = Infinity } = {}) {
  return h('li', { className: 'cb-report-top' },
    h('p', { className: 'cb-report-top__title' },
      h('span', { className: 'cb-report-top__number', text: `${n}.` }), ' ',
      h('strong', { text: theme.title }),
      category ? h('span', { className: 'cb-report-top__category', text: ` (${categoryTitle(theme.category).toLowerCase()})` }) : null),
    theme.i_statement ? h('p', { className: 'cb-report-quote', text: `“${shortened(theme.i_statement, quote)}”` }) : null,
    h('p', { className: 'cb-report-top__votes', text: `${dotsLine(theme.votes)} · ${plural(theme.statements.length, 'statement')}` }))
}

function summaryFit (data) {
  const count = data.actions?.length ?? 0
  return SUMMARY_FITS.find((fit) => count <= fit.upTo)
}

/**
 * One action: what (a quick win marked in words at the start), then who, by
 * when and its quadrant. Owners are roles or organisations, not participants.
 */
function actionLine (action, fit) {
  const win = action.quadrant === 'quick win'
  const when = [dueInWords(action.due, fit), win ? null : action.quadrant] // "major project", …; none off the grid
  return h('li', { className: `cb-report-action-line${win ? ' js-quick-win' : ''}` },
    h('span', { className: 'cb-report-action-line__what' },
      win ? [h('span', { className: 'cb-tag cb-report-action-line__win', text: 'Quick win' }), ' '] : null,
      h('strong', { text: shortened(action.text, ACTION_TEXT) })),
    h('span', { className: 'cb-report-action-line__meta' },
      h('span', { className: 'cb-report-action-line__dash', text: ' — ' }),
      h('span', { className: 'cb-report-action-line__owner', text: shortened(action.owner, ACTION_OWNER) || 'who: not agreed yet' }),
      h('span', { className: 'cb-report-action-line__when', text: `\u00a0· ${when.filter(Boolean).join(' · ')}` })))
}

/** Every action, quick wins first (the server's order), up to SUMMARY_ACTIONS_MOST. */
function summaryActions (data, fit) {
  const actions = data.actions ?? []
  const wins = actions.filter((a) => a.quadrant === 'quick win').length
  const shown = actions.slice(0, SUMMARY_ACTIONS_MOST)
  return h('section', { className: 'cb-report-section', attrs: { 'aria-labelledby': 'summary-actions' } },
    h('h3', { id: 'summary-actions', text: 'The action plan' }),
    actions.length
      ? [
          h('p', { className: 'cb-hint', text: `${plural(actions.length, 'action')}, ${wins ? `the ${plural(wins, 'quick win')} first` : 'no quick wins yet'} (low cost, high benefit), then by date.` }),
          h('ol', { className: 'cb-report-action-lines js-summary-actions' }, shown.map((a) => actionLine(a, fit))),
          actions.length > shown.length
            ? h('p', { className: 'js-more-actions', text: `And ${plural(actions.length - shown.length, 'more action')}: see the full report.` })
            : null
        ]
      : [h('p', { className: 'js-summary-actions', text: '(none yet)' }),
          h('p', { className: 'cb-hint cb-no-print', text: 'The actions, with who does them by when and quick wins first, appear here once the room has an action plan.' })])
}

function renderSummary (data) {
  const top = data.top_themes ?? []
  const shown = top.slice(0, data.actions?.length ? SUMMARY_THEMES_WITH_ACTIONS : SUMMARY_THEMES)
  const fit = summaryFit(data)
  const rows = shown.map((t, i) => ({
    label: `${i + 1}. ${t.title}`,
    short: `${i + 1}.`,
    total: t.votes.total,
    bands: bandsOf(t.votes.by_group, t.votes.total)
  }))
  const carried = top.some((t) => t.carried)
  // Votes are usually on one question's themes: then say it once, not on every theme.
  const categories = new Set(shown.map((t) => t.category))
  const oneCategory = categories.size === 1 ? [...categories][0] : null
  replaceChildren($('.js-summary'),
    h('h2', { id: 'summary-heading', text: 'Summary' }),
    h('section', { className: 'cb-report-section', attrs: { 'aria-labelledby': 'summary-who' } },
      h('h3', { id: 'summary-who', text: 'Who took part' }),
      // Short of room, one paragraph.
      fit.compact
        ? h('p', { text: `${participationText(data)} ${statementsText(data)}` })
        : [h('p', { text: participationText(data) }), h('p', { text: statementsText(data) })]),
    h('section', { className: 'cb-report-section', attrs: { 'aria-labelledby': 'summary-top' } },
      h('h3', { id: 'summary-top', text: carried ? 'What the room chose to work on' : 'Themes with the most votes' }),
      top.length
        ? [
            h('p', { className: 'cb-hint', text: `${oneCategory ? `Themes from “${categoryTitle(oneCategory)}”. ` : ''}Dots from the secret vote, by group: what patients and carers chose, next to what others chose.${pooled(rows) ? ` ${POOLED_WHY}` : ''}` }),
            chartWithKey(rows, 'Dots for each theme, by group', { why: false, compact: fit.compact }),
            h('ol', { className: `cb-report-tops${shown.length <= 3 ? ' cb-report-tops--three' : ''}` }, shown.map((t, i) => topThemeItem(t, i + 1, { category: !oneCategory, quote: fit.quote }))),
            top.length > shown.length
              ? h('p', { text: `And ${plural(top.length - shown.length, 'more theme')}: see the full report.` })
              : null
          ]
        : h('p', { text: 'No themes have been voted on yet.' })),
    summaryActions(data, fit),
    h('p', { className: 'cb-report-more', text: `The full report has ${listInWords(['every theme', 'every vote', data.actions?.length ? 'every action in full' : null, `all ${plural(data.not_taken_forward?.length ?? 0, 'statement')} not taken forward`].filter(Boolean))}.` }))
  $('.js-summary').dataset.fit = fit.name
}

// ---- full report -----------------------------------------------------------------

function themeBlock (theme) {
  const statements = [...theme.statements].sort(byReview)
  return h('section', { className: 'cb-report-theme', attrs: { 'aria-label': theme.title } },
    h('h5', { className: 'cb-report-theme__title' },
      h('span', { text: theme.title }),
      theme.carried ? h('span', { className: 'cb-tag cb-report-tag', text: 'Taken forward' }) : null),
    theme.i_statement ? h('p', { className: 'cb-report-quote', text: `“${theme.i_statement}”` }) : null,
    h('p', { className: 'cb-report-theme__votes', text: theme.votes.total ? dotsLine(theme.votes) : 'No dots.' }),
    statements.length
      ? h('ul', { className: 'cb-report-statements' }, statements.map((s) => statementItem(s)))
      : h('p', { className: 'cb-hint', text: 'No statements in this theme.' }))
}

function themesSection (data) {
  return h('section', { className: 'cb-report-section cb-report-break', attrs: { 'aria-labelledby': 'full-themes' } },
    h('h3', { id: 'full-themes', text: 'Themes, by question' }),
    h('p', { text: `${plural(data.themes.length, 'theme')}. Each theme’s statements are listed by review code.` }),
    CATEGORIES.map((category) => {
      const themes = data.themes.filter((t) => t.category === category.value)
      return h('section', { className: 'cb-report-category', attrs: { 'aria-labelledby': `themes-${category.value.replace(' ', '-')}` } },
        h('h4', { id: `themes-${category.value.replace(' ', '-')}`, text: `${category.title} (${plural(themes.length, 'theme')})` }),
        themes.length ? themes.map(themeBlock) : h('p', { className: 'cb-hint', text: 'No themes for this question.' }))
    }))
}

function roundBlock (round, n) {
  const rows = round.items.map((item) => ({
    label: `${place(item)}: ${item.label}`,
    total: item.total,
    bands: bandsOf(item.by_group, item.total)
  }))
  const ties = round.items.some((i) => i.tied)
  return h('section', { className: 'cb-report-round', attrs: { 'aria-labelledby': `round-${n}` } },
    h('h4', { id: `round-${n}`, text: round.title || `Vote ${n}` }),
    h('p', { text: `${plural(round.voters, 'person', 'people')} voted, with ${plural(round.dots_per_person, 'dot')} each. ${round.blind ? 'Nobody saw the dots until the vote was over.' : 'People could see the dots as they went on.'}` }),
    ties ? h('p', { className: 'cb-hint', text: '“Joint” marks items with the same number of dots.' }) : null,
    chartWithKey(rows, `Dots for each item in ${round.title || `vote ${n}`}, by group`),
    h('ol', { className: 'cb-report-ranked' }, round.items.map((item) =>
      h('li', { className: `cb-report-ranked__item${item.tied ? ' cb-report-ranked__item--tied' : ''}` },
        h('span', { className: 'cb-tag cb-report-place', text: place(item) }), ' ',
        h('span', { className: 'cb-report-ranked__label', text: item.label }), ' ',
        h('span', { className: 'cb-report-ranked__dots', text: `(${dotsLine(item)})` })))))
}

function votesSection (data) {
  const rounds = data.rounds ?? []
  return h('section', { className: 'cb-report-section', attrs: { 'aria-labelledby': 'full-votes' } },
    h('h3', { id: 'full-votes', text: 'How people voted' }),
    rounds.length
      ? [h('p', { text: `Every vote whose results were shown to the room, most dots first. ${plural(rounds.length, 'vote')}.` }),
          rounds.map((r, i) => roundBlock(r, i + 1))]
      : h('p', { text: 'No vote results have been shown yet.' }))
}

function notTakenSection (data) {
  const all = data.not_taken_forward ?? []
  return h('section', { className: 'cb-report-section cb-report-break js-not-taken', attrs: { 'aria-labelledby': 'full-not-taken' } },
    h('h3', { id: 'full-not-taken', text: 'Statements not taken forward' }),
    h('p', { text: `People said all their information was precious, so every statement the room did not take forward is kept here: ${plural(all.length, 'statement')}, by question and review code.` }),
    CATEGORIES.map((category) => {
      const list = all.filter((s) => s.category === category.value).sort(byReview)
      const id = `not-taken-${category.value.replace(' ', '-')}`
      return h('section', { className: 'cb-report-category', attrs: { 'aria-labelledby': id } },
        h('h4', { id, text: `${category.title} (${plural(list.length, 'statement')})` }),
        list.length
          ? h('ul', { className: 'cb-report-statements cb-report-statements--compact' }, list.map((s) => statementItem(s, { withTheme: true })))
          : h('p', { className: 'cb-hint', text: 'None.' }))
    }))
}

function renderFull (data) {
  replaceChildren($('.js-full'),
    h('h2', { id: 'full-heading', className: 'cb-report-full-heading', text: 'Full report' }),
    h('section', { className: 'cb-report-section', attrs: { 'aria-labelledby': 'full-who' } },
      h('h3', { id: 'full-who', text: 'Who took part' }),
      h('p', { text: participationText(data) }),
      participationTable(data),
      h('p', { text: statementsText(data) }),
      data.statements?.unthemed
        ? h('p', { text: `${plural(data.statements.unthemed, 'statement was', 'statements were')} not put in a theme.` })
        : null),
    votesSection(data),
    themesSection(data),
    // The second day, in workshop order; then everything not taken forward.
    dayTwoSections(data),
    notTakenSection(data))
}

// ---- which part shows --------------------------------------------------------------

const PARTS = { summary: 'the summary', full: 'the full report', both: 'the summary and the full report' }

function showPart (part, { say = false } = {}) {
  if (!PARTS[part]) part = 'both'
  $('.js-summary').hidden = part === 'full'
  $('.js-full').hidden = part === 'summary'
  document.body.dataset.part = part
  for (const $button of document.querySelectorAll('.js-part')) {
    $button.setAttribute('aria-pressed', String($button.dataset.part === part))
  }
  // Remembered in the address (without the key), so a reload shows the same part.
  history.replaceState(null, '', `${location.pathname}${location.search}#part=${part}`)
  if (say) announcer.announce(`Showing ${PARTS[part]}.`)
}

// ---- start -----------------------------------------------------------------------

function fatal (message) {
  $('.js-loading').hidden = true
  $('.js-report').hidden = true
  $('.js-fatal').hidden = false
  $('.js-fatal-message').textContent = message
}

function boardId () {
  const match = location.pathname.match(/\/board\/([^/]+)\/report/)
  return match ? decodeURIComponent(match[1]) : null
}

/**
 * The key from the address, then out of the address bar: a printed page's
 * footer shows the address, and the key must not end up on paper. This tab
 * keeps it (sessionStorage) so a reload still works.
 */
function takeToken (id) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const key = `changeboard:report:${id}`
  let token = params.get('t')
  try {
    if (token) sessionStorage.setItem(key, token)
    else token = sessionStorage.getItem(key)
  } catch (err) { /* no storage: the key lives as long as the page */ }
  return { token, part: params.get('part') }
}

const REFUSALS = {
  401: 'This report link does not work any more. Ask the facilitator for a new one.',
  403: 'This link cannot open the report. Use a facilitator link or a report link.',
  404: 'This board does not exist. It may have been deleted.'
}

async function main () {
  const id = boardId()
  const { token, part } = takeToken(id)
  if (!id || !token) return fatal('This address has no report key in it. Use the full report link.')
  showPart(part ?? 'both')
  let data
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(id)}/report.json`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store'
    })
    if (!response.ok) {
      const body = await response.json().catch(() => null)
      return fatal(REFUSALS[response.status] ?? body?.error?.message ?? `The server said ${response.status}.`)
    }
    data = await response.json()
  } catch (err) {
    return fatal('We could not reach the server. Check the connection and reload the page.')
  }
  document.title = `${data.title} – workshop report – changeboard`
  $('.js-title').textContent = data.title
  const days = (data.workshop_days ?? []).map(dayInWords)
  const meta = [
    days.length ? `Workshop ${days.length > 1 ? 'days' : 'day'}: ${listInWords(days)}.` : 'The workshop days are not set.',
    `Report made on ${today()}, at the “${data.stage_title}” stage.`,
    'Statements are shown by review code only: nobody is named, and nobody’s votes are shown.'
  ]
  replaceChildren($('.js-meta'), meta.join(' '))
  if (data.purpose) $('.js-meta').after(h('p', { className: 'cb-report-purpose' }, h('strong', { text: 'Purpose: ' }), data.purpose))
  renderSummary(data)
  renderFull(data)
  $('.js-loading').hidden = true
  $('.js-report').hidden = false
  for (const $button of document.querySelectorAll('.js-part')) {
    $button.addEventListener('click', () => showPart($button.dataset.part, { say: true }))
  }
  $('.js-print').addEventListener('click', () => window.print())
  announcer.announce('The report is ready.')
}

main()
