// Plain-English names for the WTfC stages, groups and categories.
// Mirrors board/stages.py; the server stays the authority on rules.

export const STAGES = [
  { stage: 'prepare', title: 'Get ready', summary: 'Agree the purpose and invite people.' },
  { stage: 'collect', title: 'Collect', summary: 'Gather what people said in their reviews.' },
  { stage: 'theme', title: 'Theme', summary: 'Group the statements into themes.' },
  { stage: 'prioritise', title: 'Prioritise', summary: 'Vote with dots on what matters most.' },
  { stage: 'understand', title: 'Understand', summary: 'Ask why, again and again, to find root causes.' },
  { stage: 'success', title: 'Success', summary: 'Say what success would look like.' },
  { stage: 'ideas', title: 'Ideas', summary: 'Note what is in place, then share new ideas.' },
  { stage: 'invest', title: 'Invest', summary: 'Place ideas by cost and benefit.' },
  { stage: 'plan', title: 'Plan', summary: 'Agree who does what, by when.' },
  { stage: 'reflect', title: 'Reflect', summary: 'Tell us how the day went.' }
]

export const VOTING_STAGES = new Set(STAGES.slice(2).map((s) => s.stage))

export function stageInfo (stage) {
  const index = STAGES.findIndex((s) => s.stage === stage)
  if (index === -1) return { stage, title: stage, summary: '', index: -1, number: 0 }
  return { ...STAGES[index], index, number: index + 1 }
}

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

export const CATEGORIES = [
  { value: 'working', title: 'What is working', short: 'Working' },
  { value: 'not working', title: 'What is not working', short: 'Not working' },
  { value: 'future', title: 'What matters for the future', short: 'Future' }
]

// Results are split so the room can see what patients and carers want, next
// to what professionals and commissioners think they want. Each band has a
// pattern as well as a colour, and always a text label.
export const RESULT_BANDS = [
  { key: 'people', label: 'Patients and carers', groups: ['patient', 'carer'], pattern: 'solid' },
  { key: 'professional', label: 'Professionals', groups: ['professional'], pattern: 'stripes' },
  { key: 'commissioner', label: 'Commissioners', groups: ['commissioner'], pattern: 'dots' },
  { key: 'third', label: 'Third sector', groups: ['third sector'], pattern: 'hatch' },
  { key: 'other', label: 'Other', groups: ['other'], pattern: 'lines' }
]

/** Split one item's tally ({group: dots}) into the result bands. */
export function bandsFor (itemTally = {}) {
  const bands = RESULT_BANDS.map((band) => ({
    ...band,
    dots: band.groups.reduce((sum, g) => sum + (itemTally[g] ?? 0), 0)
  }))
  const known = new Set(RESULT_BANDS.flatMap((b) => b.groups))
  const stray = Object.entries(itemTally).filter(([g]) => !known.has(g))
  if (stray.length) bands[bands.length - 1].dots += stray.reduce((s, [, n]) => s + n, 0)
  return bands
}
