// Plain words for the second day, shared by the phone and the wall views:
// perspectives, kinds of idea, quadrants, ratings, dates and statuses.

export const PERSPECTIVES = [
  { value: 'person', title: 'The person', hint: 'Patients and carers' },
  { value: 'clinician', title: 'Clinicians', hint: 'Doctors, nurses, therapists and other staff' },
  { value: 'commissioner', title: 'Commissioners', hint: 'People who plan and pay for services' },
  { value: 'third sector', title: 'The third sector', hint: 'Charities and community groups' }
]

// Which point of view a phone offers first, by the group its owner joined as.
const OWN_PERSPECTIVE = {
  patient: 'person',
  carer: 'person',
  professional: 'clinician',
  commissioner: 'commissioner',
  'third sector': 'third sector',
  other: 'person'
}

export function ownPerspective (group) {
  return OWN_PERSPECTIVE[group] ?? 'person'
}

export function perspectiveInfo (value) {
  return PERSPECTIVES.find((p) => p.value === value) ?? { value, title: value, hint: '' }
}

export const IN_PLACE = { value: 'in place', title: 'Already in place', hint: 'Things that already happen and help.' }

export const IDEA_KINDS = [
  { value: 'radical', title: 'Radical ideas', one: 'a radical idea', hint: 'Big changes. They may feel impossible.' },
  { value: 'traditional', title: 'Traditional ideas', one: 'a traditional idea', hint: 'More or better of what exists now.' },
  { value: 'different', title: 'Different ideas', one: 'a different idea', hint: 'Community-based. Done with people near you.' }
]

export function kindInfo (value) {
  if (value === IN_PLACE.value) return IN_PLACE
  return IDEA_KINDS.find((k) => k.value === value) ?? { value, title: value, hint: '' }
}

// In the order a plan lists them: quick wins first.
export const QUADRANTS = [
  { value: 'quick win', name: 'Quick win', plural: 'Quick wins', words: 'low cost, high benefit' },
  { value: 'major project', name: 'Major project', plural: 'Major projects', words: 'high cost, high benefit' },
  { value: 'fill-in', name: 'Fill-in', plural: 'Fill-ins', words: 'low cost, low benefit' },
  { value: 'thankless task', name: 'Thankless task', plural: 'Thankless tasks', words: 'high cost, low benefit' }
]

export function quadrantInfo (value) {
  return QUADRANTS.find((q) => q.value === value) ?? null
}

/** "quick win — low cost, high benefit" */
export function quadrantWords (value) {
  const q = quadrantInfo(value)
  return q ? `${q.name.toLowerCase()} — ${q.words}` : ''
}

// A rating, 1 (low) to 5 (high), in words.
export const AMOUNTS = ['Very little', 'A little', 'Some', 'Quite a lot', 'A lot']

export function amountWords (n) {
  const i = Math.round(Number(n)) - 1
  return AMOUNTS[i] ?? String(n)
}

/** How far people are apart, from the room's ranges, or '' for one rater. */
export function disagreement (room) {
  if (!room?.cost_range || (room.raters ?? 0) < 2) return ''
  const width = (range) => (Array.isArray(range) ? range[1] - range[0] : 0)
  const spread = Math.max(width(room.cost_range), width(room.benefit_range))
  if (spread === 0) return 'Everyone agrees.'
  if (spread <= 2) return 'People disagree a little.'
  return 'People disagree a lot.'
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December']

/** "2027-03-31" -> "by 31 March 2027"; no date -> "No date set". */
export function dueWords (due) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due ?? '')
  if (!match) return 'No date set'
  const month = MONTHS[Number(match[2]) - 1]
  if (!month) return 'No date set'
  return `by ${Number(match[3])} ${month} ${match[1]}`
}

export const STATUSES = {
  'not started': { label: 'Not started', mark: '○' },
  'in progress': { label: 'In progress', mark: '◐' },
  done: { label: 'Done', mark: '✓' }
}

export function statusInfo (value) {
  return STATUSES[value] ?? { label: value ?? 'Not started', mark: '○' }
}

// The end-of-day questions' answers, 1 to 5, in words.
export const FEEDBACK_WORDS = ['Not at all', 'A little', 'Partly', 'Mostly', 'Very much']

/** Causes of one theme as a tree: [{cause, children: [...]}], in the order added. */
export function causeTree (causes, themeId) {
  const mine = (causes ?? []).filter((c) => c.theme_id === themeId)
  const ids = new Set(mine.map((c) => c.id))
  const childrenOf = (parentId) => mine
    .filter((c) => (parentId === null ? !c.parent_id || !ids.has(c.parent_id) : c.parent_id === parentId))
    .map((c) => ({ cause: c, children: childrenOf(c.id) }))
  return childrenOf(null)
}
