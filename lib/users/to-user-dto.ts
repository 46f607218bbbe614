import type { Role, User } from '../db';
import { userSpender, withMonthSpend } from '../usage';

/** A user as the admin API shows it: never the password hash. */
export type UserDto = {
  id: number;
  username: string;
  email: string | null;
  name: string;
  role: Role;
  disabled: boolean;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** Limits every token of the user is held to: empty allows every model, null sets no limit. */
  allowed_models: string[];
  rpm_limit: number | null;
  monthly_budget: number | null;
  /** What all the user's tokens spent this UTC month (the figure monthly_budget is held against). */
  month_spend: number;
};

function toUserDto(user: User, monthSpend: number): UserDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
    allowed_models: user.allowedModels,
    rpm_limit: user.rpmLimit,
    monthly_budget: user.monthlyBudget === null ? null : Number(user.monthlyBudget),
    month_spend: monthSpend,
  };
}

/** Users as the API answers them, with this month's spend read for all of them at once. */
export function presentUsers(users: User[]): Promise<UserDto[]> {
  return withMonthSpend(users, (user) => userSpender(user.id), toUserDto);
}

export async function presentUser(user: User): Promise<UserDto> {
  const [dto] = await presentUsers([user]);
  return dto;
}
