// Settings remembered on this device: larger text and high contrast.
// Applied as classes on <html>, so every page and component follows them.

const KEY = 'changeboard:settings'
const OPTIONS = {
  largeText: 'cb-large-text',
  highContrast: 'cb-high-contrast'
}

export function loadSettings () {
  try {
    return { largeText: false, highContrast: false, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') }
  } catch (err) {
    return { largeText: false, highContrast: false }
  }
}

export function applySettings (settings = loadSettings()) {
  for (const [name, className] of Object.entries(OPTIONS)) {
    document.documentElement.classList.toggle(className, Boolean(settings[name]))
  }
}

/**
 * Toggle buttons with aria-pressed. Markup:
 *   <button type="button" class="js-setting" data-setting="largeText" aria-pressed="false">Larger text</button>
 */
export class DeviceSettings {
  constructor ($root, { announce = () => {} } = {}) {
    this.$root = $root
    this.announce = announce
    this.settings = loadSettings()
    applySettings(this.settings)
    for (const $button of $root.querySelectorAll('.js-setting')) {
      const name = $button.dataset.setting
      $button.setAttribute('aria-pressed', String(Boolean(this.settings[name])))
      $button.addEventListener('click', () => this.toggle(name, $button))
    }
  }

  toggle (name, $button) {
    this.settings = { ...this.settings, [name]: !this.settings[name] }
    try {
      localStorage.setItem(KEY, JSON.stringify(this.settings))
    } catch (err) { /* not remembered, still applied */ }
    applySettings(this.settings)
    $button.setAttribute('aria-pressed', String(this.settings[name]))
    const label = $button.dataset.label ?? $button.textContent.trim()
    this.announce(`${label} ${this.settings[name] ? 'on' : 'off'}.`)
  }
}
