// Who may do what, and when: the server's access policy, as the join
// acknowledgement sent it (`policy`, docs/protocol.md). A page shows a
// control only when its person may use it now; the server still decides.

/**
 * Whether `role` may send a command of `type` on the board as it is now.
 * @param {object} policy  the ack's `policy`: type -> role -> {stages, theming_mode}
 */
export function may (policy, role, type, state) {
  const when = policy?.[type]?.[role]
  if (!when) return false
  if (Array.isArray(when.stages) && !when.stages.includes(state.stage)) return false
  return when.theming_mode == null || when.theming_mode === state.theming_mode
}

/** `may` for this connection's person. */
export function allowed (connection, type, state) {
  return may(connection.policy, connection.role, type, state)
}
