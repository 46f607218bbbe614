import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { badRequest } from '../errors';
import type { Role } from '../db';

// How good a password must be. Length alone let "password" through for an admin: zxcvbn-ts estimates how many
// guesses a cracker needs (dictionaries, keyboard walks, dates, l33t, the account's own names) and scores 0–4.
// 3 is "safely unguessable: moderate protection from offline slow-hash scenario" in its terms; argon2id stores
// the hash, so that is enough. Admins and managers, whose sessions reach every provider key, need 12 characters.

const MIN_LENGTH: Record<Role, number> = { admin: 12, manager: 12, user: 8 };
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function strengthOf(password: string, userInputs: string[]) {
  // The dictionaries take a few megabytes: loaded on the first password set, not at start-up.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator.check(password, userInputs);
}

type PasswordOwner = { role: Role; username: string; name?: string; email?: string | null };

/** Why `password` will not do for this account, in a sentence for the person choosing it; null when it will. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  const minLength = MIN_LENGTH[owner.role];
  if (password.length < minLength) return `must be at least ${minLength} characters for the ${owner.role} role`;
  const userInputs = [owner.username, owner.name, owner.email].filter((input): input is string => Boolean(input));
  const { score, feedback } = strengthOf(password, userInputs);
  if (score >= MIN_SCORE) return null;
  const advice = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
  return `is too easy to guess${advice ? `: ${advice}` : ''}`;
}

/** Throws 400 naming `field` when the password will not do for this account. */
export function assertAcceptablePassword(password: string, owner: PasswordOwner, field = 'password'): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw badRequest(`${field} ${problem}`, [{ field, message: `${field} ${problem}` }]);
}
