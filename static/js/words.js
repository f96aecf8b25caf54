// Plain-English words for the groups people join as, the three questions
// statements answer, and the bands of a result. (The stage list is not here:
// it comes from the server, in the join acknowledgement: stage-list.js.)

export const GROUPS = [
  { value: 'patient', label: 'Patient', hint: 'I use the service' },
  { value: 'carer', label: 'Carer', hint: 'I look after someone who uses it' },
  { value: 'professional', label: 'Professional', hint: 'For example a nurse, doctor or therapist' },
  { value: 'commissioner', label: 'Commissioner', hint: 'I plan or pay for services' },
  { value: 'third sector', label: 'Third sector', hint: 'A charity or community group' },
  { value: 'other', label: 'Other', hint: null }
]

export function groupLabel (value) {
  return GROUPS.find((g) => g.value === value)?.label ?? value
}

/** "Pat (Patient)", or a label, with "no phone" for someone a facilitator added. */
export function personLabel (person) {
  const name = person?.name || 'No name given'
  return `${name} (${groupLabel(person?.group)}${person?.no_device ? ', no phone' : ''})`
}

export const CATEGORIES = [
  { value: 'working', title: 'What is working', short: 'Working' },
  { value: 'not working', title: 'What is not working', short: 'Not working' },
  { value: 'future', title: 'What matters for the future', short: 'Future' }
]

// Results are split so the room can see what patients and carers want, next
// to what professionals and commissioners think they want. The server sends
// the split (`by_group`) only after a reveal, keyed by these display names,
// and pools groups too small to show without singling someone out. Each band
// has a pattern as well as a colour, and always a text label.
export const RESULT_BANDS = [
  { key: 'patients and carers', label: 'Patients and carers', groups: ['patient', 'carer'], pattern: 'solid' },
  { key: 'professionals', label: 'Professionals', groups: ['professional'], pattern: 'stripes' },
  { key: 'commissioners', label: 'Commissioners', groups: ['commissioner'], pattern: 'dots' },
  { key: 'third sector', label: 'Third sector', groups: ['third sector'], pattern: 'hatch' },
  { key: 'other', label: 'Other', groups: ['other'], pattern: 'lines' },
  { key: 'other groups', label: 'Smaller groups together', groups: [], pattern: 'grid' }
]
export const ALL_DOTS_BAND = { key: 'all', label: 'All dots', groups: [], pattern: 'plain' }
// Said wherever results combine small groups (board/tally.py keeps the rule).
export const POOLED_KEY = 'other groups'
export const POOLED_WHY = 'Groups with fewer than 3 voters are counted together as “Smaller groups together”, so that nobody’s own dots can be picked out.'

/**
 * One item's dots as bands: from the server's `by_group` split when there is
 * one (display names, or raw group names from an older server's `tally`),
 * else one band of all the dots.
 */
export function bandsFor (round, item, total) {
  const split = round?.by_group?.[item] ?? round?.tally?.[item]
  if (!split) return [{ ...ALL_DOTS_BAND, dots: total }]
  const bands = RESULT_BANDS.map((band) => ({ ...band, dots: 0 }))
  for (const [name, dots] of Object.entries(split)) {
    const band = bands.find((b) => b.key === name || b.groups.includes(name)) ?? bands[bands.length - 1]
    band.dots += dots
  }
  return bands
}

/** The bands a round's results use, for the key. */
export function bandsInRound (round) {
  const split = round?.by_group ?? round?.tally
  if (!split) return [ALL_DOTS_BAND]
  const used = new Set()
  for (const item of Object.values(split)) {
    for (const [name, dots] of Object.entries(item)) if (dots) used.add(name)
  }
  const bands = RESULT_BANDS.filter((b) => [...used].some((n) => b.key === n || b.groups.includes(n)))
  return bands.length ? bands : RESULT_BANDS.slice(0, 5)
}
