// Types of the deepset Cloud API's paths, operations and schemas.
// Generated from spec/openapi.yaml by `pnpm generate`. Do not edit by hand.

export interface paths {
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Users Me
         * @description Returns the user the API key belongs to, with their organization.
         */
        get: operations["read_users_me_api_v1_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/{organization_id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite User To Organization
         * @description Sends an email to the user inviting them to your deepset organization.
         */
        post: operations["invite_user_to_organization_api_v1_organization__organization_id__invitation_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Workspaces
         * @description Lists the workspaces the API key can see.
         */
        get: operations["list_workspaces_api_v1_workspaces_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * Organization
         * @description The organization a user belongs to.
         */
        Organization: {
            /** Name */
            name: string;
            /** Organization ID */
            organization_id: string;
        };
        /**
         * User Invitation
         * @description The definition of the user you want to invite to the organization.
         */
        UserInvitation: {
            /**
             * Email
             * @description Email of a user.
             */
            email: string;
            /**
             * Family name
             * @description Family name of a user.
             */
            family_name: string;
            /**
             * Given name
             * @description Given name of a user.
             */
            given_name: string;
            /**
             * User Role
             * @description Role of the user. This can be a custom role or one of the default roles.
             */
            role: string;
            /**
             * Workspace IDs
             * @description A list of unique identifiers for workspaces.
             * @default []
             */
            workspace_ids?: string[];
        };
        /**
         * User Me
         * @description The user an API key belongs to. The live API may return more fields than these.
         */
        UserMe: {
            /** Email */
            email: string;
            /** Family name */
            family_name: string;
            /** Given name */
            given_name: string;
            organization: components["schemas"]["Organization"];
            /** User ID */
            user_id: string;
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /**
         * Workspace
         * @description A workspace the API key can see. The live API may return more fields than these.
         */
        Workspace: {
            /** Default idle timeout in seconds */
            default_idle_timeout_in_seconds?: number;
            /** Languages */
            languages?: Record<string, never>;
            /**
             * Name
             * @description The workspace's name, unique in its organization.
             */
            name: string;
            /**
             * Workspace ID
             * Format: uuid
             * @description A unique identifier of the workspace.
             */
            workspace_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    read_users_me_api_v1_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user the API key belongs to. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserMe"];
                };
            };
        };
    };
    invite_user_to_organization_api_v1_organization__organization_id__invitation_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A unique identifier of the organization. You can obtain the organization ID from the [Get Users Me](https://docs.cloud.deepset.ai/reference/read_users_me_api_v1_me_get)  endpoint. */
                organization_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserInvitation"];
            };
        };
        responses: {
            /** @description The user has been invited to the organization. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Inviting users is not available on the free plan. To invite team members, please upgrade to a paid plan. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The user already belongs to the organization. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Something went wrong during signup. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_workspaces_api_v1_workspaces_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspaces the API key can see. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"][];
                };
            };
        };
    };
}
