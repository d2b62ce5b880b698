import { HttpError } from '../http'
import type { ApiModule, StackContext } from '../stack'

// placeholder until the auth module lands
export function createAuth(_ctx: StackContext): ApiModule {
  return {
    prefix: '/auth/v1',
    async handle() {
      throw new HttpError(501, { message: 'auth is not implemented yet in the local stack' })
    },
  }
}
