// The few HTTP calls the pages make (docs/protocol.md, "HTTP").

export class ApiError extends Error {
  constructor (status, body) {
    const error = body?.error ?? {}
    super(error.message ?? `The server said ${status}.`)
    this.status = status
    this.code = error.code ?? 'http_error'
    this.body = body
  }
}

async function call (url, options = {}) {
  let response
  try {
    response = await fetch(url, { credentials: 'same-origin', ...options })
  } catch (err) {
    throw new ApiError(0, { error: { code: 'offline', message: 'We could not reach the server. Check the connection and try again.' } })
  }
  let body = null
  try {
    body = await response.json()
  } catch (err) {
    body = null
  }
  if (!response.ok) throw new ApiError(response.status, body)
  return body
}

export function createBoard ({ title, purpose, password }) {
  const payload = { title }
  if (purpose) payload.purpose = purpose
  if (password) payload.password = password
  return call('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload)
  })
}

export function findBoard (code) {
  return call(`/api/join/${encodeURIComponent(code)}`)
}

/** Import a CSV. Resolves with the report; a 400 with a `refused` list resolves too. */
export async function importStatements (boardId, token, csvText, { dryRun = false } = {}) {
  const url = `/api/boards/${encodeURIComponent(boardId)}/statements${dryRun ? '?dry_run=1' : ''}`
  try {
    return await call(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      body: csvText
    })
  } catch (err) {
    if (err instanceof ApiError && err.status === 400 && Array.isArray(err.body?.refused)) {
      return { imported: 0, by_category: {}, dry_run: dryRun, ...err.body, failed: true }
    }
    throw err
  }
}

/** The QR code of a join code's link (by code: a board id alone never leads to its code). */
export function qrUrl (joinCode) {
  return `/api/join/${encodeURIComponent(joinCode)}/qr.svg`
}

export function joinUrl (code) {
  return `${location.origin}/join/${encodeURIComponent(code)}`
}

/** Read `#t=…&w=…` from the address bar. */
export function fragmentParams () {
  return new URLSearchParams(location.hash.replace(/^#/, ''))
}

/** The board id in /board/{id}/facilitate or /board/{id}/wall. */
export function boardIdFromPath () {
  const match = location.pathname.match(/\/board\/([^/]+)\//)
  return match ? decodeURIComponent(match[1]) : null
}

function staffCall (boardId, token, path = '', options = {}) {
  return call(`/api/boards/${encodeURIComponent(boardId)}/tokens${path}`, {
    ...options,
    headers: { Authorization: `Bearer ${token}`, ...(options.headers ?? {}) }
  })
}

/** A new facilitator, wall or reader (report) link: {id, role, token, link}. */
export function issueToken (boardId, token, role) {
  return staffCall(boardId, token, '', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role })
  })
}

/** The board's staff links, without their secrets: [{id, role, created_at_ms}]. */
export async function listTokens (boardId, token) {
  return (await staffCall(boardId, token)).tokens ?? []
}

export function revokeToken (boardId, token, tokenId) {
  return staffCall(boardId, token, `/${encodeURIComponent(tokenId)}`, { method: 'DELETE' })
}

/** The public id of a token (the first 12 hex digits of its secret's SHA-256), where the browser can hash. */
export async function tokenId (token) {
  const secret = String(token).split('.').slice(1).join('.')
  if (!globalThis.crypto?.subtle) return null
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 12)
}

/**
 * "New link for this person": a new rejoin code for them ({participant_id,
 * rejoin: {code, spaced, link, qr}}); every device signed in as them is cut off.
 */
export function newPersonLink (boardId, token, personId) {
  const path = `/api/boards/${encodeURIComponent(boardId)}/people/${encodeURIComponent(personId)}/link`
  return call(path, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
}
