export { RoleAuthorizer, syncDefaultPolicies } from './enforcer';
