/** The 409 text for a P2002 on users: the constraint name tells which unique column clashed. */
export function duplicateUserMessage(input: { username?: string; email?: string | null }) {
  return (constraint: string | undefined) =>
    constraint?.includes('email')
      ? `The email "${input.email}" is already used by another user`
      : `A user named "${input.username}" already exists`;
}
