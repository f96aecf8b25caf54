// The review form: a reviewer enters one person-centred review (say, on a
// tablet during a home visit) and it lands on the board as that review's
// statements, with the person's first and second choice for each question.
// Opened with a facilitator link (#t=TOKEN); sends one `add_review` command.
//
// The form stays filled in until the server says the review is saved; a
// refusal (the code is already used, a question is incomplete) is shown next
// to the button, and nothing is lost.

import { Announcer } from '../announcer.js'
import { CharacterCount } from '../components/character-count.js'
import { Connection } from '../connection.js'
import { ConnectionBanner } from '../connection-banner.js'
import { h, plural, replaceChildren } from '../dom.js'

const $ = (selector) => document.querySelector(selector)
const announcer = new Announcer($('.js-status'))
const announce = (message) => announcer.announce(message)

const STATEMENT_MAX = 600
const REVIEW_MAX = 20

const QUESTIONS = [
  { category: 'working', key: 'working', title: 'What’s working', hint: 'What is going well for the person now.' },
  { category: 'not working', key: 'not-working', title: 'What’s not working', hint: 'What is hard, or not working for them.' },
  { category: 'future', key: 'future', title: 'What’s important for the future', hint: 'What matters to them from now on.' }
]

const SLOTS = [
  { priority: 1, suffix: '1', label: 'Most important', required: true },
  { priority: 2, suffix: '2', label: 'Second most important', required: true }
]

let extraCount = 0
const counts = new Map() // textarea id -> CharacterCount

// ---- building the form -------------------------------------------------------------

function statementBox (id, label, { extra = false } = {}) {
  const $textarea = h('textarea', {
    className: 'cb-textarea cb-review-text',
    id,
    name: id,
    rows: 3,
    spellcheck: true,
    attrs: { 'aria-describedby': `${id}-count` }
  })
  const $count = h('p', { className: 'cb-hint cb-character-count__message', id: `${id}-count` })
  counts.set(id, new CharacterCount($textarea, $count, { max: STATEMENT_MAX, announce }))
  return h('div', { className: `cb-form-group cb-review-box${extra ? ' cb-review-box--extra' : ''}`, dataset: { box: id } },
    h('label', { className: 'cb-label', htmlFor: id, text: label }),
    h('p', { className: 'cb-error-message', id: `${id}-error`, hidden: true }),
    $textarea,
    $count)
}

function questionBlock (question) {
  const $extras = h('div', { className: 'js-extras' })
  const $add = h('button', { type: 'button', className: 'cb-button cb-button--secondary js-add' },
    'Add another', h('span', { className: 'cb-visually-hidden', text: ` statement for “${question.title}”` }))
  $add.addEventListener('click', () => addExtra(question, $extras))
  const said = `said-${question.key}`
  return h('fieldset', { className: `cb-review-question cb-category cb-category--${question.key}`, dataset: { category: question.category } },
    h('legend', { className: 'cb-review-question__legend' }, h('h2', { text: question.title })),
    h('p', { className: 'cb-hint', text: question.hint }),
    h('fieldset', { className: 'cb-fieldset cb-review-said' },
      h('legend', { text: 'Said by' }),
      h('div', { className: 'cb-review-said__choices' },
        [['patient', 'The person'], ['carer', 'Their carer']].map(([value, label], index) =>
          h('div', { className: 'cb-choice cb-choice--radio' },
            h('input', { className: 'cb-choice__input', type: 'radio', name: said, id: `${said}-${value}`, value, checked: index === 0, defaultChecked: index === 0 }),
            h('label', { className: 'cb-choice__label', htmlFor: `${said}-${value}` }, h('span', { className: 'cb-choice__title', text: label })))))),
    SLOTS.map((slot) => statementBox(`${question.key}-${slot.suffix}`, slot.label)),
    $extras,
    $add)
}

function addExtra (question, $extras) {
  const id = `${question.key}-extra-${++extraCount}`
  const number = $extras.children.length + 1
  const $box = statementBox(id, `Another thing they said (${number})`, { extra: true })
  const $remove = h('button', { type: 'button', className: 'cb-button cb-button--secondary cb-button--small' },
    'Remove', h('span', { className: 'cb-visually-hidden', text: ` another thing they said (${number}) from “${question.title}”` }))
  $remove.addEventListener('click', () => {
    counts.delete(id)
    $box.remove()
    $extras.closest('fieldset').querySelector('.js-add').focus()
    announce('Statement removed.')
  })
  $box.append($remove)
  $extras.append($box)
  $box.querySelector('textarea').focus()
}

// ---- reading and checking ----------------------------------------------------------

function readForm () {
  const review = $('#review-code').value.trim()
  const statements = []
  const problems = []
  if (!review) problems.push({ id: 'review-code', message: 'Enter the review code' })
  else if (review.length > REVIEW_MAX) problems.push({ id: 'review-code', message: `The review code must be ${REVIEW_MAX} characters or fewer` })
  for (const question of QUESTIONS) {
    const person = document.querySelector(`input[name="said-${question.key}"]:checked`)?.value ?? 'patient'
    const boxes = [...document.querySelectorAll(`.cb-category--${question.key} textarea`)]
    for (const $box of boxes) {
      const slot = SLOTS.find((s) => $box.id === `${question.key}-${s.suffix}`)
      const text = $box.value.trim()
      const name = slot ? `${slot.label.toLowerCase()} thing` : 'other statement'
      if (!text) {
        if (slot?.required) problems.push({ id: $box.id, message: `Enter the ${name} for “${question.title}”` })
        continue
      }
      if (text.length > STATEMENT_MAX) {
        problems.push({ id: $box.id, message: `The ${name} for “${question.title}” must be ${STATEMENT_MAX} characters or fewer` })
        continue
      }
      statements.push({ category: question.category, text, person, priority: slot ? slot.priority : 3 })
    }
  }
  return { review, statements, problems }
}

function clearErrors () {
  $('.js-error-summary').hidden = true
  $('.js-submit-error').hidden = true
  for (const $message of document.querySelectorAll('.js-review-form .cb-error-message')) {
    if ($message.classList.contains('js-submit-error')) continue
    $message.hidden = true
    $message.textContent = ''
  }
  for (const $group of document.querySelectorAll('.cb-form-group--error')) $group.classList.remove('cb-form-group--error')
  for (const $field of document.querySelectorAll('[aria-invalid]')) {
    $field.removeAttribute('aria-invalid')
    describe($field, false)
  }
}

/** Tie a field's error message to it (aria-describedby), or untie it. */
function describe ($field, withError) {
  const ids = ($field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== `${$field.id}-error`)
  if (withError) ids.unshift(`${$field.id}-error`)
  $field.setAttribute('aria-describedby', ids.join(' '))
}

function showProblems (problems) {
  const $list = $('.js-error-list')
  replaceChildren($list, problems.map((problem) => {
    const $link = h('a', { href: `#${problem.id}`, text: problem.message })
    // Focus the field without touching the address (its fragment holds the key).
    $link.addEventListener('click', (event) => {
      event.preventDefault()
      document.getElementById(problem.id)?.focus()
    })
    return h('li', {}, $link)
  }))
  for (const problem of problems) {
    const $field = document.getElementById(problem.id)
    const $message = document.getElementById(`${problem.id}-error`)
    if (!$field || !$message) continue
    $message.textContent = problem.message
    $message.hidden = false
    $field.setAttribute('aria-invalid', 'true')
    describe($field, true)
    $field.closest('.cb-form-group')?.classList.add('cb-form-group--error')
  }
  $('.js-error-summary').hidden = false
  $('.js-error-summary').focus()
}

function showRefusal (error) {
  const $error = $('.js-submit-error')
  $error.textContent = error?.message ?? 'The review was not saved. Try again.'
  $error.hidden = false
  if (error?.code === 'review_exists') {
    const $field = $('#review-code')
    $('#review-code-error').textContent = 'Use a review code that is not on the board yet'
    $('#review-code-error').hidden = false
    $field.setAttribute('aria-invalid', 'true')
    describe($field, true)
    $field.closest('.cb-form-group').classList.add('cb-form-group--error')
  }
}

function setBusy (busy, text = 'Saving…') {
  $('.js-submit').disabled = busy
  $('.js-sending').hidden = !busy
  $('.js-sending').textContent = text
  for (const $field of document.querySelectorAll('.js-review-form textarea, .js-review-form input[type="text"]')) {
    $field.readOnly = busy
  }
}

function resetForm () {
  $('.js-review-form').reset()
  for (const $extras of document.querySelectorAll('.js-extras')) {
    for (const $box of $extras.querySelectorAll('textarea')) counts.delete($box.id)
    replaceChildren($extras)
  }
  for (const count of counts.values()) count.update()
}

// ---- sending -----------------------------------------------------------------------

async function submit (connection, event) {
  event.preventDefault()
  if ($('.js-submit').disabled) return
  clearErrors()
  $('.js-saved').hidden = true
  const { review, statements, problems } = readForm()
  if (problems.length) return showProblems(problems)
  setBusy(true, connection.online ? 'Saving…' : 'Not sent yet: waiting for the connection. Keep this page open.')
  try {
    // The connection keeps the command and resends the same one after a drop,
    // so a review is saved once even if the tablet loses signal.
    await connection.send({ type: 'add_review', review, statements })
  } catch (error) {
    setBusy(false)
    showRefusal(error) // the connection has already said it in the live region
    return
  }
  setBusy(false)
  resetForm()
  const message = `Review ${review} saved: ${plural(statements.length, 'statement')}`
  $('.js-saved-text').textContent = message
  $('.js-saved').hidden = false
  $('.js-saved').focus()
  announce(`${message}.`)
}

// ---- start -------------------------------------------------------------------------

function fatal (message) {
  $('.js-loading').hidden = true
  $('.js-ready').hidden = true
  $('.js-fatal').hidden = false
  if (message) $('.js-fatal-message').textContent = message
}

function main () {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('t')
  if (!token) return fatal('This address has no facilitator key in it. Open the review form from the facilitator page.')
  replaceChildren($('.js-questions'), QUESTIONS.map(questionBlock))
  const connection = new Connection({ token, outboxKey: null, announce })
  new ConnectionBanner($('.js-connection'), connection, { announce, noun: 'review' })
  connection.addEventListener('state', ({ detail: { state } }) => {
    if (connection.role && connection.role !== 'facilitator') {
      return fatal('Only a facilitator link can open the review form.')
    }
    $('.js-board-title').textContent = state.title
    document.title = `Enter a review – ${state.title} – changeboard`
    if (!$('.js-loading').hidden) {
      $('.js-loading').hidden = true
      $('.js-ready').hidden = false
    }
  })
  connection.addEventListener('status', ({ detail }) => {
    if (detail.online && !$('.js-submit').disabled) return
    if ($('.js-submit').disabled) {
      $('.js-sending').textContent = detail.online ? 'Saving…' : 'Not sent yet: waiting for the connection. Keep this page open.'
    }
  })
  connection.addEventListener('authfailed', ({ detail }) => fatal(detail?.error?.message))
  $('.js-review-form').addEventListener('submit', (event) => submit(connection, event))
  connection.start()
}

main()
