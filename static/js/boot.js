// What every live page does the same way: one polite live region, one
// connection to the board, the banner that says whether it is connected,
// and what happens when the link is refused or the board is deleted.
//
//   const { connection, announce, start } = boot({ token, outboxKey, noun: 'changes',
//     onFatal: (error) => …, onDeleted: (data) => … })
//   connection.addEventListener('state', …)
//   start()
//
// After the board is deleted a refused link is not news: onFatal is not
// called any more.

import { Announcer } from './announcer.js'
import { Connection } from './connection.js'
import { ConnectionBanner } from './connection-banner.js'

/**
 * @param {object} options
 * @param {string|null} options.token  the page's token (null: a phone joining by code)
 * @param {string|null} [options.outboxKey]  where unsent commands wait (null: none)
 * @param {string} [options.noun]  what the banner says is waiting ("taps", "changes")
 * @param {number} [options.clearAfter]  ms before an announcement leaves a visible region
 * @param {boolean} [options.sayConnection]  announce going offline and back (not on the wall)
 * @param {boolean} [options.readOnly]  a screen that sends nothing (the wall): offline says "Reconnecting…"
 * @param {(error: object|undefined) => void} options.onFatal  the link was refused
 * @param {(data: object) => void} options.onDeleted  the board was deleted
 */
export function boot ({
  token, outboxKey = null, noun = 'taps', clearAfter = 0, sayConnection = true, readOnly = false, onFatal, onDeleted
}) {
  const announcer = new Announcer(document.getElementById('status'), { clearAfter })
  const announce = (message) => announcer.announce(message)
  const connection = new Connection({ token, outboxKey, announce })
  new ConnectionBanner(document.querySelector('.js-connection'), connection,
    { announce: sayConnection ? announce : () => {}, noun, readOnly })
  let deleted = false
  connection.addEventListener('authfailed', ({ detail }) => { if (!deleted) onFatal(detail?.error) })
  connection.addEventListener('deleted', ({ detail }) => {
    deleted = true
    onDeleted(detail ?? {})
  })
  return { connection, announce, start: () => connection.start() }
}
