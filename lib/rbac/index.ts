export { can, syncDefaultPolicies } from './enforcer';
