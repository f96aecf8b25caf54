// The board as this client sees it: a pure reducer of the projected events
// the server sends (docs/protocol.md, "Board state" and "Events").
// Nothing here touches the DOM or the network, and nothing is mutated:
// each function returns a new state.

/** A state from a board snapshot (join ack, `snapshot`, or `sync`). */
export function fromSnapshot (board) {
  return {
    id: board.id,
    seq: board.seq ?? 0,
    title: board.title ?? '',
    purpose: board.purpose ?? '',
    join_code: board.join_code ?? '',
    stage: board.stage ?? 'prepare',
    statements: [...(board.statements ?? [])],
    participants: { count: 0, by_group: {}, ...(board.participants ?? {}) },
    rounds: [...(board.rounds ?? [])],
    themes: [...(board.themes ?? [])],
    ...(board.you ? { you: board.you } : {})
  }
}

/**
 * The state after `event`. The caller checks that `event.seq` is exactly
 * `state.seq + 1`; an event of a type this client does not know (such as a
 * redacted one) still moves `seq` on, so the stream stays gapless.
 */
export function applyEvent (state, event) {
  const next = reduce(state, event)
  return { ...next, seq: event.seq }
}

function reduce (state, event) {
  switch (event.type) {
    case 'board_created':
    case 'board_updated':
      return {
        ...state,
        title: event.title ?? state.title,
        purpose: event.purpose ?? state.purpose,
        join_code: event.join_code ?? state.join_code
      }
    case 'stage_set':
      return { ...state, stage: event.stage }
    case 'statements_added': {
      const known = new Set(state.statements.map((s) => s.id))
      const added = (event.statements ?? []).filter((s) => !known.has(s.id))
      return { ...state, statements: [...state.statements, ...added] }
    }
    case 'participant_joined':
      return { ...state, participants: joined(state.participants, event) }
    case 'round_opened':
    case 'round_closed':
    case 'round_revealed':
      return withRound(state, event.round)
    case 'dot_placed':
    case 'dot_removed':
      return withProgress(state, event)
    // Themes are shown only as vote items here (theming has no page yet).
    case 'theme_created':
    case 'theme_updated': {
      if (!event.theme) return state
      const others = (state.themes ?? []).filter((t) => t.id !== event.theme.id)
      return { ...state, themes: [...others, event.theme] }
    }
    case 'theme_merged':
    case 'theme_deleted':
      return { ...state, themes: (state.themes ?? []).filter((t) => t.id !== event.theme_id) }
    default:
      return state
  }
}

// Everyone gets the new counts; facilitators also get the `person` who
// joined, added to the people list they were given with the board.
function joined (before, event) {
  const { person: nested, ...counts } = event.participants ?? {}
  const person = event.person ?? nested
  const after = { count: 0, by_group: {}, ...counts }
  if (Array.isArray(event.participants?.people)) return after
  if (before?.people || person) {
    const people = (before?.people ?? []).filter((p) => p.id !== person?.id)
    after.people = person ? [...people, person] : people
  }
  return after
}

function withRound (state, round) {
  if (!round) return state
  const old = state.rounds.find((r) => r.id === round.id)
  const merged = { ...round }
  // Round events go to a whole audience; only a voter's own copy of a dot
  // event carries their dots, so keep what we knew.
  if (!('mine' in round) && old && old.mine) merged.mine = old.mine
  const rounds = old
    ? state.rounds.map((r) => (r.id === round.id ? merged : r))
    : [...state.rounds, merged]
  return { ...state, rounds }
}

function withProgress (state, event) {
  const old = state.rounds.find((r) => r.id === event.round_id)
  if (!old) return state
  const updated = { ...old, voters: event.voters, dots_cast: event.dots_cast }
  for (const key of ['totals', 'by_group', 'tally', 'mine']) {
    if (key in event) updated[key] = event[key]
  }
  return { ...state, rounds: state.rounds.map((r) => (r.id === old.id ? updated : r)) }
}

// ---- Questions the pages ask of a state -------------------------------

export function openRound (state) {
  return state?.rounds.find((r) => r.status === 'open') ?? null
}

/** The round to show: the open one, else the most recent. */
export function currentRound (state) {
  if (!state || state.rounds.length === 0) return null
  return openRound(state) ?? state.rounds[state.rounds.length - 1]
}

export function dotsSpent (round) {
  return Object.values(round?.mine ?? {}).reduce((sum, n) => sum + n, 0)
}

export function dotsLeft (round) {
  return Math.max(0, (round?.dots_per_person ?? 0) - dotsSpent(round))
}

/** A vote item: a statement, or a theme shown by its "I statement". */
export function statementById (state, id) {
  const statement = state?.statements.find((s) => s.id === id)
  if (statement) return statement
  const theme = (state?.themes ?? []).find((t) => t.id === id)
  return theme ? { ...theme, text: theme.i_statement || theme.title || id } : null
}

export function statementsByCategory (state, category) {
  return (state?.statements ?? []).filter((s) => s.category === category)
}

/** Whether this client may see the round's counts (a live round, or revealed). */
export function hasResults (round) {
  return Boolean(round && (round.totals || round.tally))
}

/** Total dots on one item: `totals` ({item: dots}), else summed from a tally. */
export function itemTotal (round, item) {
  if (round?.totals && item in round.totals) return round.totals[item]
  const groups = round?.by_group?.[item] ?? round?.tally?.[item] ?? {}
  return Object.values(groups).reduce((sum, n) => sum + n, 0)
}
