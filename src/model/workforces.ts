/**
 * The private workforce of an account in a Region (a2i-next-spec.md §4.1, decisions.md "Workforces"):
 *
 *   CreateWorkforce ──► Initializing ──(timing.workforceActivationMs)──► Active
 *   first private CreateWorkteam, none exists ──► `default`, Active at once (model `Workforce` doc)
 *   Active ──UpdateWorkforce──► Updating ──(timing.workforceActivationMs)──► Active
 *   DeleteWorkforce (no work team left) ──► gone
 *
 * One private workforce per account and Region ("only one private workforce per Region", ListWorkforces doc). It
 * signs workers in through Amazon Cognito or an OIDC identity provider, never both; the OIDC `ClientSecret` is
 * kept out of every record here, so no answer can carry it.
 */
import { createHash } from "node:crypto";
import { workforceArn } from "./arns.js";
import { conflictException, resourceInUse, validationException } from "./errors.js";
import type { Resource } from "./resource.js";
import type { ScheduledAction } from "./clock.js";
import type { RegionBackend } from "./region-backend.js";

export type WorkforceStatus = "Initializing" | "Updating" | "Deleting" | "Failed" | "Active";

const ALLOWED: Record<WorkforceStatus, readonly WorkforceStatus[]> = {
  // A workforce still settling can be deleted too (delete() checks for work teams first, whatever the status).
  Initializing: ["Active", "Failed", "Deleting"],
  Updating: ["Active", "Failed", "Deleting"],
  Active: ["Updating", "Deleting"],
  Failed: ["Deleting"],
  Deleting: [],
};

/** How workers sign in: `CognitoConfig` or `OidcConfig` (the response form, without `ClientSecret`). */
export type WorkforceIdentity =
  | { readonly kind: "Cognito"; readonly config: { readonly UserPool: string; readonly ClientId: string } }
  | { readonly kind: "Oidc"; readonly config: Readonly<Record<string, unknown>> & { readonly Issuer: string } };

/** The network settings CreateWorkforce and UpdateWorkforce take, as DescribeWorkforce reports them. */
export interface WorkforceNetwork {
  /** `{ Cidrs: [] }` unless given (every IP may reach the portal). */
  sourceIpConfig: { Cidrs: string[] };
  vpcConfig: Record<string, unknown> | undefined;
  /** As given; the model pinned in scripts/models predates the member, so nothing is reported unless it was set. */
  ipAddressType: string | undefined;
}

export interface PrivateWorkforce extends Resource {
  status: WorkforceStatus;
  failureReason: string | undefined;
  lastUpdated: number;
  identity: WorkforceIdentity;
  network: WorkforceNetwork;
  /** The worker portal's host name, shared by the workforce's teams (`<id>.labeling.<region>.sagemaker.aws`). */
  readonly subDomain: string;
  activation: ScheduledAction | undefined;
}

export interface WorkforceChanges {
  sourceIpConfig?: { Cidrs: string[] } | undefined;
  oidcConfig?: Record<string, unknown> | undefined;
  vpcConfig?: Record<string, unknown> | undefined;
  ipAddressType?: string | undefined;
}

/** The OIDC configuration as the response shape carries it: every member but `ClientSecret`. */
export function oidcForResponse(config: Record<string, unknown>): WorkforceIdentity & { kind: "Oidc" } {
  const rest: Record<string, unknown> = { ...config };
  delete rest.ClientSecret;
  return { kind: "Oidc", config: rest as Record<string, unknown> & { Issuer: string } };
}

export class Workforces {
  private current: PrivateWorkforce | undefined;

  constructor(private readonly region: RegionBackend) {}

  /** CreateWorkforce: `Initializing`, `Active` after `timing.workforceActivationMs` (or at once when seeding). */
  create(name: string, identity: WorkforceIdentity, network: Partial<WorkforceNetwork>, activeNow = false): PrivateWorkforce {
    if (this.current) {
      throw validationException(
        `A private workforce already exists in this account and Region: ${this.current.arn}. You can only have one private workforce per Region; delete it with DeleteWorkforce before you create another.`,
      );
    }
    const now = this.region.now();
    const { accountId, region } = this.region.scope;
    const workforce: PrivateWorkforce = {
      name,
      arn: workforceArn(this.region.scope, name),
      creationTime: now,
      seq: this.region.nextSeq(),
      status: activeNow ? "Active" : "Initializing",
      failureReason: undefined,
      lastUpdated: now,
      identity,
      network: {
        sourceIpConfig: network.sourceIpConfig ?? { Cidrs: [] },
        vpcConfig: network.vpcConfig === undefined ? undefined : vpcResponse(network.vpcConfig, name),
        ipAddressType: network.ipAddressType,
      },
      subDomain: `${portalId(`${accountId}/${region}/${name}/${now}`)}.labeling.${region}.sagemaker.aws`,
      activation: undefined,
    };
    this.current = workforce;
    if (!activeNow) this.activateLater(workforce);
    return workforce;
  }

  /**
   * The workforce a new private work team joins. The first private team of a Region creates `default`, Active,
   * when none exists ("automatically created when you create your first private work team", model `Workforce`
   * doc; decisions.md): a Cognito team's from its user pool and client; an OIDC team's with the placeholder IdP
   * `https://a2i-fake.invalid/oidc` (a Choice: AWS documents no OIDC default; seed or create the workforce first to
   * name your issuer).
   */
  forNewTeam(kind: "Cognito" | "Oidc", cognito: { UserPool: string; ClientId: string } | undefined, workforceName?: string): PrivateWorkforce {
    const wf = this.current;
    if (!wf) {
      if (workforceName !== undefined && workforceName !== "default") throw noWorkforce(workforceName);
      const identity: WorkforceIdentity = cognito
        ? { kind: "Cognito", config: { UserPool: cognito.UserPool, ClientId: cognito.ClientId } }
        : oidcForResponse(placeholderOidc());
      return this.create("default", identity, {}, true);
    }
    if (workforceName !== undefined && workforceName !== wf.name) throw noWorkforce(workforceName);
    this.requireKind(wf, kind);
    return wf;
  }

  /** Member definitions must match how the workforce signs workers in (UpdateWorkteam/CreateWorkteam model doc). */
  requireKind(wf: PrivateWorkforce, kind: "Cognito" | "Oidc"): void {
    if (wf.identity.kind === kind) return;
    throw validationException(
      wf.identity.kind === "Oidc"
        ? `Workforce ${wf.name} uses your own OIDC identity provider: define its work teams with OidcMemberDefinition, not CognitoMemberDefinition.`
        : `Workforce ${wf.name} uses Amazon Cognito: define its work teams with CognitoMemberDefinition, not OidcMemberDefinition.`,
    );
  }

  get(): PrivateWorkforce | undefined {
    return this.current;
  }

  /** A missing workforce is a ValidationException whose message contains "No workforce" (TF `FindWorkforceByName`). */
  describe(name: string): PrivateWorkforce {
    const wf = this.current;
    if (!wf || wf.name !== name) throw noWorkforce(name);
    return wf;
  }

  /**
   * UpdateWorkforce: `Updating`, then `Active`. The OIDC configuration changes only while no work team exists
   * (ConflictException, model doc); a workforce still settling refuses updates too (a Choice: ConflictException).
   */
  update(name: string, changes: WorkforceChanges): PrivateWorkforce {
    const wf = this.describe(name);
    if (wf.status !== "Active") {
      throw conflictException(`Workforce ${wf.name} is ${wf.status}; update it once it is Active.`);
    }
    if (changes.oidcConfig !== undefined) {
      if (wf.identity.kind !== "Oidc") {
        throw validationException(
          `Workforce ${wf.name} uses Amazon Cognito; OidcConfig can only be updated on a workforce created with an OidcConfig.`,
        );
      }
      const teams = this.region.workteams.all().length;
      if (teams > 0) {
        throw conflictException(
          `You can only update your OIDC IdP configuration when there are no work teams associated with your workforce; workforce ${wf.name} has ${teams}. Delete them first.`,
        );
      }
    }
    const now = this.region.now();
    if (changes.oidcConfig !== undefined) wf.identity = oidcForResponse(changes.oidcConfig);
    if (changes.sourceIpConfig !== undefined) wf.network.sourceIpConfig = changes.sourceIpConfig;
    if (changes.vpcConfig !== undefined) wf.network.vpcConfig = vpcResponse(changes.vpcConfig, wf.name);
    if (changes.ipAddressType !== undefined) wf.network.ipAddressType = changes.ipAddressType;
    wf.lastUpdated = now;
    transition(wf, "Updating");
    this.activateLater(wf);
    return wf;
  }

  /** DeleteWorkforce: refused while work teams remain (ResourceInUse, model doc); then gone at once (a Choice). */
  delete(name: string): void {
    const wf = this.describe(name);
    const teams = this.region.workteams.all();
    if (teams.length > 0) {
      throw resourceInUse(
        `Workforce ${wf.name} contains ${teams.length} work team(s) (${teams.map((t) => t.name).join(", ")}); delete them with DeleteWorkteam before you delete the workforce.`,
      );
    }
    transition(wf, "Deleting");
    this.region.backend.scheduler.cancel(wf.activation);
    this.current = undefined;
    this.region.tags.forget(wf.arn);
  }

  /** Seeding: Active now. */
  activateNow(wf: PrivateWorkforce): void {
    if (wf.status !== "Initializing" && wf.status !== "Updating") return;
    this.region.backend.scheduler.cancel(wf.activation);
    wf.activation = undefined;
    transition(wf, "Active");
  }

  all(): PrivateWorkforce[] {
    return this.current ? [this.current] : [];
  }

  private activateLater(wf: PrivateWorkforce): void {
    const backend = this.region.backend;
    backend.scheduler.cancel(wf.activation);
    wf.activation = backend.scheduler.after(backend.timing.workforceActivationMs, () => {
      wf.activation = undefined;
      if (wf.status === "Initializing" || wf.status === "Updating") transition(wf, "Active");
    });
  }
}

/** The OIDC IdP of a `default` workforce an OIDC team created. */
export const PLACEHOLDER_OIDC_ISSUER = "https://a2i-fake.invalid/oidc";

function placeholderOidc(): Record<string, unknown> {
  const at = (path: string) => `${PLACEHOLDER_OIDC_ISSUER}/${path}`;
  return {
    ClientId: "a2i-fake-client",
    Issuer: PLACEHOLDER_OIDC_ISSUER,
    AuthorizationEndpoint: at("authorize"),
    TokenEndpoint: at("token"),
    UserInfoEndpoint: at("userinfo"),
    LogoutEndpoint: at("logout"),
    JwksUri: at(".well-known/jwks.json"),
  };
}

function noWorkforce(name: string) {
  return validationException(`No workforce found with name '${name}' in this account and Region.`);
}

function transition(wf: PrivateWorkforce, to: WorkforceStatus): void {
  if (!ALLOWED[wf.status].includes(to)) {
    throw new Error(`[a2i-fake] internal error: workforce ${wf.name} cannot move from ${wf.status} to ${to}.`);
  }
  wf.status = to;
}

function portalId(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 10);
}

/** WorkforceVpcConfigResponse: what was asked, plus the VPC endpoint SageMaker creates for it. */
function vpcResponse(request: Record<string, unknown>, name: string): Record<string, unknown> {
  return { ...request, VpcEndpointId: `vpce-${portalId(`${name}/${JSON.stringify(request)}`)}` };
}
