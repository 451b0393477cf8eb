import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3): slow and salted. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password);

/** The shortest password Byløft accepts (the DTOs' MinLength says the same). */
export const MIN_PASSWORD_LENGTH = 12;

/** A one-time password: 144 random bits, 24 characters, printed once and changed at first sign-in. */
export const generateOneTimePassword = () => randomBytes(18).toString('base64url');
