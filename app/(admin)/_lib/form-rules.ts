import type { FormRule } from 'antd';

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
