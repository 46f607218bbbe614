import type { FormRule } from 'antd';

/** The server also estimates how guessable a password is and says why it refuses one. */
export const PASSWORD_HINT = 'At least 8 characters, 12 for admins and managers; not easy to guess.';

export const PASSWORD_RULES: FormRule[] = [
  { required: true, message: 'Enter a password' },
  { min: 8, message: 'At least 8 characters' },
  { max: 256, message: 'At most 256 characters' },
];

/** A "repeat it" field that must equal `other`. */
export function sameAs(other: string): FormRule[] {
  return [
    { required: true, message: 'Repeat the password' },
    ({ getFieldValue }) => ({
      validator: (_, value) => (value === getFieldValue(other) ? Promise.resolve() : Promise.reject(new Error('The passwords differ'))),
    }),
  ];
}
