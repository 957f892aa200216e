// Each operation's method, path, success statuses, status descriptions and validators.
// Generated from spec/openapi.yaml by `pnpm generate`. Do not edit by hand.

import * as bodies from "./body-validators.js";
import * as parameters from "./parameter-validators.js";

/** An Ajv standalone validator, and the errors it leaves on itself after a failed check. */
export type Validator = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; keyword: string; params: { missingProperty?: string }; message?: string }[] | null;
};

export const operations = {
  invite_user_to_organization_api_v1_organization__organization_id__invitation_post: {
    method: "POST",
    path: "/api/v1/organization/{organization_id}/invitation",
    pattern: /^\/api\/v1\/organization\/([^/]+)\/invitation$/,
    pathParams: ["organization_id"],
    headerParams: [],
    success: [201],
    responses: {"201":"The user has been invited to the organization.","402":"Inviting users is not available on the free plan. To invite team members, please upgrade to a paid plan.","409":"The user already belongs to the organization.","422":"Validation Error","503":"Something went wrong during signup."},
    validateParameters: parameters.invite_user_to_organization_api_v1_organization__organization_id__invitation_post as Validator,
    body: { required: true, validate: bodies.invite_user_to_organization_api_v1_organization__organization_id__invitation_post as Validator },
  },
  read_users_me_api_v1_me_get: {
    method: "GET",
    path: "/api/v1/me",
    pattern: /^\/api\/v1\/me$/,
    pathParams: [],
    headerParams: [],
    success: [200],
    responses: {"200":"The user the API key belongs to."},
    validateParameters: undefined,
    body: undefined,
  },
  list_workspaces_api_v1_workspaces_get: {
    method: "GET",
    path: "/api/v1/workspaces",
    pattern: /^\/api\/v1\/workspaces$/,
    pathParams: [],
    headerParams: [],
    success: [200],
    responses: {"200":"The workspaces the API key can see."},
    validateParameters: undefined,
    body: undefined,
  },
} as const;
