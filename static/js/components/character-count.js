// A textarea's character count, after govuk-frontend's character-count: the
// count is text under the field, tied to it with aria-describedby; going
// over the limit is said once in the page's live region.

export class CharacterCount {
  constructor ($textarea, $message, { max, announce = () => {} }) {
    this.$textarea = $textarea
    this.$message = $message
    this.max = max
    this.announce = announce
    this.wasOver = false
    $textarea.addEventListener('input', () => this.update())
    this.update()
  }

  update () {
    const left = this.max - this.$textarea.value.length
    const over = left < 0
    this.$message.textContent = over
      ? `You have ${-left} ${-left === 1 ? 'character' : 'characters'} too many`
      : `You have ${left} ${left === 1 ? 'character' : 'characters'} remaining`
    this.$message.classList.toggle('cb-character-count__message--over', over)
    this.$textarea.classList.toggle('cb-textarea--error', over)
    if (over && !this.wasOver) this.announce(this.$message.textContent)
    this.wasOver = over
  }

  get valid () {
    return this.$textarea.value.length <= this.max
  }
}
