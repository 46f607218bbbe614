import { z } from 'zod';

export const loginBody = z.object({
  username: z.string().trim().min(1, 'username is required').max(100),
  password: z.string().min(1, 'password is required').max(4096),
});

export const changePasswordBody = z
  .object({
    current_password: z.string().min(1, 'current_password is required'),
    new_password: z.string().min(8, 'new_password must be at least 8 characters').max(256),
  })
  .transform((body) => ({ currentPassword: body.current_password, newPassword: body.new_password }));
