// The end-of-day feedback, summarised per question: how many answered, the
// ratings as a small bar list with numbers, the average, and the words
// people wrote (sorted by the server, never with names). Used by the
// facilitator console and the report.

import { h, plural } from './dom.js'

const RATING_WORDS = { 1: '1 (lowest)', 5: '5 (highest)' }

/** The summary as elements. */
export function feedbackSummary (summary, { headingLevel = 'h3', idPrefix = 'fb' } = {}) {
  return (summary ?? []).map((q) => {
    const headingId = `${idPrefix}-${q.id}`
    const counts = q.ratings ?? {}
    const most = Math.max(1, ...Object.values(counts))
    return h('section', { className: 'cb-feedback', attrs: { 'aria-labelledby': headingId } },
      h(headingLevel, { id: headingId, className: 'cb-feedback__question', text: q.text }),
      h('p', { className: 'cb-feedback__answered', text: `${plural(q.answered ?? 0, 'person', 'people')} answered.` }),
      q.rated
        ? [
            h('ul', { className: 'cb-feedback__bars', attrs: { 'aria-label': `Ratings for “${q.text}”` } },
              [5, 4, 3, 2, 1].map((n) => {
                const count = counts[String(n)] ?? 0
                return h('li', { className: 'cb-feedback__bar' },
                  h('span', { className: 'cb-feedback__rating', text: RATING_WORDS[n] ?? String(n) }),
                  h('span', { className: 'cb-feedback__track', attrs: { 'aria-hidden': 'true' } },
                    h('span', { className: `cb-feedback__fill cb-feedback__fill--${Math.round((count / most) * 10)}` })),
                  h('span', { className: 'cb-feedback__count', text: `${plural(count, 'person', 'people')}` }))
              })),
            h('p', { className: 'cb-feedback__average', text: q.average == null ? 'No ratings yet.' : `Average: ${q.average} out of 5.` })
          ]
        : null,
      q.words?.length
        ? h('ul', { className: 'cb-feedback__words', attrs: { 'aria-label': `What people wrote for “${q.text}”` } },
          q.words.map((w) => h('li', { text: w })))
        : (q.rated ? null : h('p', { className: 'cb-hint', text: 'No words yet.' })))
  })
}
