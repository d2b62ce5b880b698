/**
 * The fake gateway's accounts: fixed development credentials, public like the stack's demo keys.
 * Seed them into an organisation's provider settings to send through the local stack; anything
 * else is refused the way each provider refuses wrong credentials.
 */
export const DEV_SEMAPHORE_API_KEY = 'floorline-dev-semaphore-apikey'
export const DEV_TWILIO_ACCOUNT_SID = 'AC0f100d11e0de00000000000000000001'
export const DEV_TWILIO_AUTH_TOKEN = '0f100d11e0de0000000000000000a7a7'
export const DEV_TWILIO_FROM = '+15005550006'
export const DEV_MOVIDER_API_KEY = 'floorline-dev-movider-key'
export const DEV_MOVIDER_API_SECRET = 'floorline-dev-movider-secret'

/** Starting balances: Semaphore credits, Twilio USD, Movider USD. */
export const START_BALANCE = { semaphore: 5000, twilio: 20, movider: 10 } as const
