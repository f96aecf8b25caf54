// "Add your own statement" on a phone during Collect: which question it
// answers, and the words (at most 600 characters, with a running count).

import { CharacterCount } from '../../components/character-count.js'

const MAX = 600

export class StatementForm {
  constructor ($form, { connection, announce }) {
    this.$form = $form
    this.connection = connection
    this.announce = announce
    this.$text = $form.querySelector('.js-statement-text')
    this.$error = $form.querySelector('.js-statement-error')
    this.$group = $form.querySelector('.js-statement-group')
    this.$button = $form.querySelector('button[type="submit"]')
    this.count = new CharacterCount(this.$text, $form.querySelector('.js-statement-count'), { max: MAX, announce })
    $form.addEventListener('submit', (e) => this.submit(e))
  }

  #showError (message, $focus) {
    this.$error.textContent = message
    this.$error.hidden = false
    this.$group.classList.add('cb-form-group--error')
    this.announce(message)
    $focus?.focus()
  }

  async submit (event) {
    event.preventDefault()
    this.$error.hidden = true
    this.$group.classList.remove('cb-form-group--error')
    const category = this.$form.querySelector('input[name="statement-category"]:checked')?.value
    const text = this.$text.value.trim()
    if (!category) return this.#showError('Choose what your statement is about.', this.$form.querySelector('input[name="statement-category"]'))
    if (!text) return this.#showError('Write your statement.', this.$text)
    if (!this.count.valid) return this.#showError(`Your statement must be ${MAX} characters or fewer.`, this.$text)
    this.$button.disabled = true
    this.$button.textContent = 'Adding…'
    try {
      await this.connection.send({ type: 'write_statement', category, text })
      this.$text.value = ''
      this.count.update()
      this.announce('Your statement has been added.')
    } catch (err) {
      this.#showError(err?.message ?? 'Your statement was not added. Try again.')
    } finally {
      this.$button.disabled = false
      this.$button.textContent = 'Add my statement'
    }
  }
}
