// Plain-English names for the second day: perspectives, kinds of idea,
// quadrants of the investment grid and action statuses. Shared by the
// facilitator console and the report; mirrors board/values.py.

export const PERSPECTIVES = [
  { value: 'person', title: 'The person (patient or carer)', short: 'Person' },
  { value: 'commissioner', title: 'Commissioners', short: 'Commissioner' },
  { value: 'clinician', title: 'Clinicians and practitioners', short: 'Clinician' },
  { value: 'third sector', title: 'The third sector', short: 'Third sector' }
]

export const IDEA_KINDS = [
  { value: 'in place', title: 'Already in place', hint: 'What already happens and helps.' },
  { value: 'radical', title: 'Radical ideas', hint: 'May feel impossible today.' },
  { value: 'traditional', title: 'Traditional ideas', hint: 'More, or better, of what exists.' },
  { value: 'different', title: 'Different ideas', hint: 'Based in the community.' }
]

// In the order the plan lists them: quick wins first.
export const QUADRANTS = [
  { value: 'quick win', title: 'Quick wins', hint: 'low cost, high benefit', one: 'Quick win' },
  { value: 'major project', title: 'Major projects', hint: 'high cost, high benefit', one: 'Major project' },
  { value: 'fill-in', title: 'Fill-ins', hint: 'low cost, low benefit', one: 'Fill-in' },
  { value: 'thankless task', title: 'Thankless tasks', hint: 'high cost, low benefit', one: 'Thankless task' }
]

export const STATUSES = [
  { value: 'not started', title: 'Not started' },
  { value: 'in progress', title: 'In progress' },
  { value: 'done', title: 'Done' }
]

function find (list, value) {
  return list.find((x) => x.value === value)
}

export function perspectiveTitle (value) {
  return find(PERSPECTIVES, value)?.title ?? value
}

/** "radical", "already in place": for "Idea (radical)". */
export function kindWord (value) {
  return value === 'in place' ? 'already in place' : value
}

export function kindTitle (value) {
  return find(IDEA_KINDS, value)?.title ?? value
}

/** "Quick win" for one idea or action. */
export function quadrantOne (value) {
  return find(QUADRANTS, value)?.one ?? 'Not placed yet'
}

export function statusTitle (value) {
  return find(STATUSES, value)?.title ?? value
}

/** 2.5 -> "2.5", 4 -> "4" */
export function score (n) {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10)
}

/** "from 2 to 5", or "all said 3" */
export function rangeInWords (range) {
  if (!Array.isArray(range) || range.length < 2) return ''
  return range[0] === range[1] ? `all said ${score(range[0])}` : `from ${score(range[0])} to ${score(range[1])}`
}

/** The room's view when it has a place (3 or more rated, and shown), else null. */
export function placedRoom (room) {
  return room && room.quadrant ? room : null
}

/** Why an idea has no room's view to show yet, in words; '' when it has one. */
export function roomWaitingWords (room, { report = false } = {}) {
  if (!room) return report ? 'Nobody rated it.' : 'Nobody has rated it yet.'
  if (room.quadrant) return ''
  const rated = `${room.raters} ${room.raters === 1 ? 'person has' : 'people have'} rated it`
  if (room.hidden && report) return `${rated}. The room’s view was not shown in the workshop, so it is not in the report.`
  if (room.hidden) return `${rated}. The room’s view shows when the facilitator shows it.`
  return `${rated}; the room’s view shows from ${room.shows_from ?? 3}, so that nobody’s own rating can be seen.`
}

/** "24 March 2027" from "2027-03-24"; '' when not set. */
export function dateWords (due) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due ?? '')
  if (!match) return ''
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]))
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}
