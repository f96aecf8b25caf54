// Get ready on a phone: what people said, to read while the room gathers.

import { PhoneStatements } from '../../components/phone-statements.js'

export class PreparePhone extends PhoneStatements {}
