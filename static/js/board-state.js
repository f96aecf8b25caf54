// The board as this client sees it: a pure reducer of the projected events
// the server sends (docs/protocol.md, "Board state" and "Events").
// Nothing here touches the DOM or the network, and nothing is mutated:
// each function returns a new state.

const FOLLOWING = { show: null, held: false }

/** A state from a board snapshot (join ack, `snapshot`, or `sync`). */
export function fromSnapshot (board) {
  const state = {
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
    theming_mode: board.theming_mode ?? 'everyone',
    carried: [...(board.carried ?? [])],
    timer: board.timer ?? null,
    grid_view_shown: Boolean(board.grid_view_shown),
    workshop_days: [...(board.workshop_days ?? [])],
    // What the facilitator put on the wall (show null: it follows the stage).
    wall: { ...FOLLOWING, ...(board.wall ?? {}) },
    // The second day: the lists come whole with the board; each event after
    // carries only what it changed, as on the first day.
    ...pickLists(board)
  }
  // Sent to facilitators only.
  if ('retain_until_ms' in board) state.retain_until_ms = board.retain_until_ms
  if (Array.isArray(board.undone)) state.undone = [...board.undone]
  if ('hide_new_cards' in board) state.hide_new_cards = Boolean(board.hide_new_cards)
  if (Array.isArray(board.suggestions)) state.suggestions = [...board.suggestions]
  if ('dealing' in board) state.dealing = board.dealing ?? null
  if (board.you) state.you = board.you
  return state
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
      // A new stage: the wall follows it, turning its own pages.
      return { ...state, stage: event.stage, wall: { ...FOLLOWING } }
    case 'wall_shown':
    case 'wall_paged':
      return { ...state, wall: { ...FOLLOWING, ...(event.wall ?? {}) } }
    case 'statements_added':
      return { ...state, statements: upsertStatements(state.statements, event.statements ?? []) }
    case 'cards_revealed': {
      // New to participants and the wall; facilitators and authors already
      // had them, marked hidden, and now see them shown.
      const revealed = new Set((event.statements ?? []).map((s) => s.id))
      const statements = upsertStatements(state.statements, event.statements ?? [])
        .map((s) => (revealed.has(s.id) && 'hidden' in s ? { ...s, hidden: false } : s))
      return { ...state, statements }
    }
    case 'card_visibility_set':
      return { ...state, hide_new_cards: Boolean(event.hide_new) }
    case 'participant_joined':
    case 'person_added':
    case 'person_on_device':
      return { ...state, participants: joined(state.participants, event) }
    case 'timer_set':
      return { ...state, timer: event.timer ?? null }
    case 'theme_created':
    case 'theme_updated': {
      if (!event.theme) return state
      const themes = state.themes ?? []
      const known = themes.some((t) => t.id === event.theme.id)
      return {
        ...state,
        themes: known ? themes.map((t) => (t.id === event.theme.id ? event.theme : t)) : [...themes, event.theme]
      }
    }
    case 'theme_merged':
      return withoutTheme(state, event.theme_id, event.into_id, event.moved, event.carried)
    case 'theme_deleted':
      return withoutTheme(state, event.theme_id, null, event.released, event.carried)
    case 'statement_moved':
      return {
        ...state,
        statements: state.statements.map((s) =>
          s.id === event.statement_id ? { ...s, theme_id: event.theme_id ?? null } : s)
      }
    case 'statements_moved': {
      const moved = new Set(event.statement_ids ?? [])
      return {
        ...state,
        statements: state.statements.map((s) => (moved.has(s.id) ? { ...s, theme_id: event.theme_id ?? null } : s))
      }
    }
    case 'theming_mode_set':
      return { ...state, theming_mode: event.mode }
    case 'move_suggested':
      if (!event.suggestion) return state
      return {
        ...state,
        suggestions: [...(state.suggestions ?? []).filter((s) => s.id !== event.suggestion.id), event.suggestion]
      }
    case 'suggestion_settled':
      return { ...state, suggestions: (state.suggestions ?? []).filter((s) => s.id !== event.suggestion_id) }
    case 'dealing_started':
    case 'dealing_stopped':
    case 'placements_accepted':
      return { ...state, dealing: event.dealing ?? null }
    case 'cards_dealt':
    case 'card_placed':
    case 'card_passed':
    case 'hand_returned':
      return withHand(state, event)
    case 'round_opened':
    case 'round_closed':
    case 'round_revealed':
      return withRound(state, event.round)
    case 'dot_placed':
    case 'dot_removed':
      return withProgress(state, event)
    case 'items_carried_forward':
      return { ...state, carried: [...(event.items ?? [])] }
    case 'board_restored':
      return event.board ? fromSnapshot(event.board) : state
    case 'theme_restored': {
      if (!event.theme) return state
      const cards = new Set(event.cards ?? [])
      return {
        ...state,
        themes: [...(state.themes ?? []).filter((t) => t.id !== event.theme.id), event.theme],
        statements: state.statements.map((s) => (cards.has(s.id) ? { ...s, theme_id: event.theme.id } : s))
      }
    }
    case 'round_hidden':
    case 'round_reopened':
      return withRound(state, event.round)
    case 'undone':
      // Only facilitators keep the list of what was undone (their board has `undone`).
      return Array.isArray(state.undone) ? { ...state, undone: [...state.undone, event.undone_seq] } : state
    case 'cause_added':
      return event.cause ? { ...state, causes: upsert(state.causes, [event.cause]) } : state
    case 'causes_chosen': {
      const chosen = new Set(event.cause_ids ?? [])
      return { ...state, causes: (state.causes ?? []).map((c) => ({ ...c, chosen: chosen.has(c.id) })) }
    }
    case 'causes_merged': {
      // Like a theme merge: the cause goes; its answers and success statements move to `into`.
      const children = new Set(event.children ?? [])
      const causes = (state.causes ?? [])
        .filter((c) => c.id !== event.cause_id)
        .map((c) => children.has(c.id)
          ? { ...c, parent_id: event.into_id }
          : c.id === event.into_id ? { ...c, chosen: Boolean(event.into_chosen) } : c)
      return { ...state, causes, successes: movedSuccesses(state, event.success_ids, event.into_id) }
    }
    case 'cause_unmerged': {
      if (!event.cause) return state
      const children = new Set(event.children ?? [])
      const causes = upsert(state.causes, [event.cause]).map((c) => children.has(c.id)
        ? { ...c, parent_id: event.cause.id }
        : c.id === event.unchoose ? { ...c, chosen: false } : c)
      return { ...state, causes, successes: movedSuccesses(state, event.success_ids, event.cause.id) }
    }
    case 'success_added':
      return event.success ? { ...state, successes: upsert(state.successes, [event.success]) } : state
    case 'idea_added':
    case 'idea_linked':
      return event.idea ? { ...state, ideas: upsert(state.ideas, [event.idea]) } : state
    case 'ideas_shortlisted': {
      const on = new Set(event.idea_ids ?? [])
      return {
        ...state,
        ideas: (state.ideas ?? []).map((i) => ({ ...i, shortlisted: on.has(i.id) })),
        grid: (event.grid ?? []).map((row) => keepMyRating(state, row))
      }
    }
    case 'text_edited': {
      const reworded = (list) => (list ?? []).map((x) => (x.id === event.item_id ? { ...x, text: event.text } : x))
      return { ...state, causes: reworded(state.causes), successes: reworded(state.successes), ideas: reworded(state.ideas) }
    }
    case 'item_deleted': {
      const list = KINDS[event.kind]
      if (!list) return state
      const next = { ...state, [list]: (state[list] ?? []).filter((x) => x.id !== event.item_id) }
      if (event.kind === 'idea') next.grid = (state.grid ?? []).filter((row) => row.idea_id !== event.item_id)
      return next
    }
    case 'item_restored': {
      const list = KINDS[event.kind]
      if (!list || !event.item) return state
      const next = { ...state, [list]: upsert(state[list], [event.item]) }
      if (event.row) next.grid = withRow(state, event.row)
      return inActionOrder(next, event.action_order)
    }
    case 'idea_rated':
    case 'idea_placed': {
      const next = { ...state, grid: withRow(state, event.row) }
      if (Array.isArray(event.actions)) next.actions = upsert(state.actions, event.actions)
      return inActionOrder(next, event.action_order)
    }
    case 'workshop_days_set':
      return { ...state, workshop_days: [...(event.days ?? [])] }
    case 'grid_view_shown':
      // Every row's room view changes at once: the rows come whole.
      return { ...state, grid_view_shown: Boolean(event.shown), grid: (event.grid ?? []).map((row) => keepMyRating(state, row)) }
    case 'action_saved':
      if (!event.action) return state
      return inActionOrder({ ...state, actions: upsert(state.actions, [event.action]) }, event.action_order)
    case 'feedback_given':
      // Your own answers come only in your own copy (`mine`): keep them from others'.
      return { ...state, feedback: { ...(state.feedback ?? {}), ...(event.feedback ?? {}) } }
    case 'redacted':
    default:
      return state
  }
}

const LISTS = ['causes', 'successes', 'ideas', 'grid', 'actions']
// The list an `item_deleted` or `item_restored` event's `kind` names.
const KINDS = { cause: 'causes', success: 'successes', idea: 'ideas', action: 'actions' }

// The day-two lists a board carries. `feedback` is an object: the questions,
// how many answered, and (facilitators) a summary or (you) yours.
function pickLists (source) {
  const picked = {}
  for (const key of LISTS) {
    if (Array.isArray(source[key])) picked[key] = [...source[key]]
  }
  if (source.feedback && typeof source.feedback === 'object') picked.feedback = { ...source.feedback }
  return picked
}

// Records the event carries whole, each in place of the one with its id, or
// added at the end (as the server adds them).
function upsert (list, records) {
  const byId = new Map(records.map((r) => [r.id, r]))
  const updated = (list ?? []).map((r) => byId.get(r.id) ?? r)
  const known = new Set((list ?? []).map((r) => r.id))
  return [...updated, ...records.filter((r) => !known.has(r.id))]
}

function movedSuccesses (state, ids, causeId) {
  const moved = new Set(ids ?? [])
  return (state.successes ?? []).map((s) => (moved.has(s.id) ? { ...s, cause_id: causeId } : s))
}

// Someone else's rating reaches everyone without anyone's own part; only your
// own copy of a grid row carries `mine`, so keep what you knew (a participant
// who has not rated an idea has `mine: null`, as the server says).
function keepMyRating (state, row) {
  if ('mine' in row) return row
  const old = (state.grid ?? []).find((r) => r.idea_id === row.idea_id)
  if (old && 'mine' in old) return { ...row, mine: old.mine }
  return state.you ? { ...row, mine: null } : row
}

function withRow (state, row) {
  const grid = state.grid ?? []
  if (!row) return grid
  const kept = keepMyRating(state, row)
  const known = grid.some((r) => r.idea_id === row.idea_id)
  return known ? grid.map((r) => (r.idea_id === row.idea_id ? kept : r)) : [...grid, kept]
}

// The plan's order comes from the server (quick wins first, then by date),
// as the ids in order, so this page keeps no copy of the rule.
function inActionOrder (state, order) {
  if (!Array.isArray(order)) return state
  const rank = new Map(order.map((id, i) => [id, i]))
  const actions = [...(state.actions ?? [])].sort((a, b) => (rank.get(a.id) ?? order.length) - (rank.get(b.id) ?? order.length))
  return { ...state, actions }
}

function upsertStatements (statements, incoming) {
  if (!incoming.length) return statements
  const byId = new Map(incoming.map((s) => [s.id, s]))
  const updated = statements.map((s) => (byId.has(s.id) ? { ...s, ...byId.get(s.id) } : s))
  const known = new Set(statements.map((s) => s.id))
  return [...updated, ...incoming.filter((s) => !known.has(s.id))]
}

// A theme goes; its cards go to `into` (a merge) or back to unthemed. The
// event lists the cards this client may see; cards still pointing at the
// gone theme are moved too, so nothing is left in a theme that is not there.
function withoutTheme (state, themeId, into, cards = [], carried) {
  const listed = new Set(cards ?? [])
  return {
    ...state,
    themes: (state.themes ?? []).filter((t) => t.id !== themeId),
    statements: state.statements.map((s) =>
      listed.has(s.id) || s.theme_id === themeId ? { ...s, theme_id: into ?? null } : s),
    carried: Array.isArray(carried) ? [...carried] : (state.carried ?? []).filter((id) => id !== themeId)
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
    // Someone known already (now on a device) keeps their place in the list.
    const people = before?.people ?? []
    const known = person && people.some((p) => p.id === person.id)
    after.people = !person ? people : known ? people.map((p) => (p.id === person.id ? person : p)) : [...people, person]
  }
  return after
}

// A hand changed while cards are dealt out: the holder gets their hand whole;
// facilitators get whose it is, and what was placed or sent for review.
function withHand (state, event) {
  if (!state.dealing) return state
  const dealing = { ...state.dealing }
  if (!('participant' in event)) {
    dealing.hand = [...(event.hand ?? [])]
    return { ...state, dealing }
  }
  const hands = { ...(dealing.hands ?? {}) }
  if (event.type === 'hand_returned') delete hands[event.participant]
  else hands[event.participant] = [...(event.hand ?? [])]
  dealing.hands = hands
  if (event.placed) dealing.placed = [...(dealing.placed ?? []), event.placed]
  if (event.for_review) dealing.review = [...(dealing.review ?? []), event.for_review]
  return { ...state, dealing }
}

function withRound (state, round) {
  if (!round) return state
  const old = state.rounds.find((r) => r.id === round.id)
  const merged = { ...round }
  // Round events go to a whole audience; only a voter's own copy of a dot
  // event carries their dots, so keep what we knew (a participant's board
  // always says what is theirs: nothing yet, in a new round).
  if (!('mine' in round) && old && old.mine) merged.mine = old.mine
  else if (!('mine' in merged) && state.you) merged.mine = {}
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

// ---- Theming -------------------------------------------------------------

/** Cards dealt out to the phones, if that is running (or waiting for review). */
export function dealingOf (state) {
  return state?.dealing ?? null
}

/** The cards of a hand still to place: someone may have themed one since it was dealt. */
export function liveCards (state, ids) {
  const byId = new Map((state?.statements ?? []).map((s) => [s.id, s]))
  return (ids ?? []).map((id) => byId.get(id)).filter((s) => s && !s.theme_id)
}

/** Where a category's cards are while dealt out: themed, in hands, for review, in the pile. */
export function dealingProgress (state) {
  const dealing = dealingOf(state)
  if (!dealing) return null
  const cards = statementsByCategory(state, dealing.category).filter((s) => !s.hidden)
  const themed = cards.filter((s) => s.theme_id).length
  const held = new Set(Object.values(dealing.hands ?? {}).flatMap((ids) => liveCards(state, ids).map((s) => s.id)))
  const review = new Set(liveCards(state, dealing.review).map((s) => s.id))
  const unthemed = new Set(cards.filter((s) => !s.theme_id).map((s) => s.id))
  const suggested = new Set((state.suggestions ?? []).map((s) => s.statement_id).filter((id) => unthemed.has(id)))
  const pile = [...unthemed].filter((id) => !held.has(id) && !review.has(id) && !suggested.has(id)).length
  return {
    total: cards.length,
    themed,
    placed: (dealing.placed ?? []).length,
    in_hands: held.size,
    review: review.size,
    suggested: suggested.size,
    pile,
    seats: Object.keys(dealing.hands ?? {}).length
  }
}

export function themeById (state, id) {
  return (state?.themes ?? []).find((t) => t.id === id) ?? null
}

export function themesOf (state, category) {
  return (state?.themes ?? []).filter((t) => t.category === category)
}

/** The cards in a theme (null: the category's cards not yet themed). */
export function cardsIn (state, category, themeId) {
  return (state?.statements ?? []).filter((s) =>
    s.category === category && (themeId ? s.theme_id === themeId : !s.theme_id || !themeById(state, s.theme_id)))
}

/** A vote item with what to show: {kind, title, text}. */
export function itemInfo (state, id) {
  const theme = themeById(state, id)
  if (theme) {
    return { kind: 'theme', id, title: theme.title, text: theme.i_statement || '', category: theme.category }
  }
  const statement = (state?.statements ?? []).find((s) => s.id === id)
  if (statement) return { kind: 'statement', id, title: '', text: statement.text, category: statement.category }
  return outcomeItemInfo(state, id) ?? { kind: 'unknown', id, title: '', text: id }
}

/** What to read out or show in one line for an item. */
export function itemLabel (info) {
  if (info.kind === 'theme') return info.text ? `${info.title}: ${info.text}` : info.title
  return info.text
}

/**
 * A round's items ranked by dots, with shared places for ties:
 * [{item, total, place, tied}] ("Tied 3rd" when two items share 3rd).
 */
export function ranking (round) {
  if (!hasResults(round)) return []
  const rows = round.items.map((item, index) => ({ item, index, total: itemTotal(round, item) }))
  rows.sort((a, b) => b.total - a.total || a.index - b.index)
  const counts = new Map()
  for (const r of rows) counts.set(r.total, (counts.get(r.total) ?? 0) + 1)
  let place = 0
  let last = null
  return rows.map((r, i) => {
    if (r.total !== last) place = i + 1
    last = r.total
    return { item: r.item, total: r.total, place, tied: counts.get(r.total) > 1 }
  })
}

export function ordinal (n) {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`
}

export function placeLabel (row) {
  return row.tied ? `Tied ${ordinal(row.place)}` : ordinal(row.place)
}

// ---- The second day ---------------------------------------------------

/** A root cause or an idea (a vote can be opened on either), as itemInfo gives. */
export function outcomeItemInfo (state, id) {
  const cause = (state?.causes ?? []).find((c) => c.id === id)
  if (cause) return { kind: 'cause', id, title: '', text: cause.text }
  const idea = (state?.ideas ?? []).find((i) => i.id === id)
  if (idea) return { kind: 'idea', id, title: '', text: idea.text }
  return null
}
