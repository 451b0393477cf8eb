import type { Actor } from '#domain';

/** The signed-in user as the rest of the app sees it. */
export interface AuthUser extends Actor {
  email: string;
  displayName: string;
}
