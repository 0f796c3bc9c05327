/**
 * SageMaker's workforce operations and vendor (subscribed) work teams (a2i-next-spec.md §4.1). Handlers read
 * parameters, call the model (workforces.ts, subscribed-workteams.ts) and shape the output; the rules live there.
 */
import { paginate } from "../model/pagination.js";
import { byCreation, byName, type Tag } from "../model/resource.js";
import { oidcForResponse, type PrivateWorkforce, type WorkforceIdentity } from "../model/workforces.js";
import type { SubscribedWorkteam } from "../model/subscribed-workteams.js";
import { defined, pageRequest, validationError, type Handler, type JsonObject } from "./service.js";

const date = (ms: number) => new Date(ms);

/** DescribeWorkforce's `Workforce`: never the OIDC `ClientSecret` (the model's OidcConfigForResponse has none). */
export function describeWorkforce(wf: PrivateWorkforce): JsonObject {
  return defined({
    WorkforceName: wf.name,
    WorkforceArn: wf.arn,
    LastUpdatedDate: date(wf.lastUpdated),
    SourceIpConfig: wf.network.sourceIpConfig,
    SubDomain: wf.subDomain,
    CognitoConfig: wf.identity.kind === "Cognito" ? wf.identity.config : undefined,
    OidcConfig: wf.identity.kind === "Oidc" ? wf.identity.config : undefined,
    CreateDate: date(wf.creationTime),
    WorkforceVpcConfig: wf.network.vpcConfig,
    Status: wf.status,
    FailureReason: wf.status === "Failed" ? wf.failureReason : undefined,
    IpAddressType: wf.network.ipAddressType,
  });
}

function describeSubscribedWorkteam(team: SubscribedWorkteam): JsonObject {
  return defined({
    WorkteamArn: team.arn,
    MarketplaceTitle: team.marketplaceTitle,
    SellerName: team.sellerName,
    MarketplaceDescription: team.marketplaceDescription,
    ListingId: team.listingId,
  });
}

/** "Cognito or OIDC, not both" (CreateWorkforce model doc); one of them is needed to sign workers in. */
function identityOf(input: JsonObject): WorkforceIdentity {
  const cognito = input.CognitoConfig as { UserPool: string; ClientId: string } | undefined;
  const oidc = input.OidcConfig as JsonObject | undefined;
  if (cognito && oidc) {
    throw validationError("Use one of CognitoConfig or OidcConfig to create a private workforce, not both.");
  }
  if (cognito) return { kind: "Cognito", config: { UserPool: cognito.UserPool, ClientId: cognito.ClientId } };
  if (oidc) return oidcForResponse(oidc);
  throw validationError("A private workforce needs a CognitoConfig (an Amazon Cognito user pool) or an OidcConfig (your own OIDC identity provider).");
}

export const workforceHandlers: Record<string, Handler> = {
  CreateWorkforce(region, input) {
    const wf = region.workforces.create(input.WorkforceName as string, identityOf(input), {
      sourceIpConfig: input.SourceIpConfig as { Cidrs: string[] } | undefined,
      vpcConfig: input.WorkforceVpcConfig as JsonObject | undefined,
      ipAddressType: input.IpAddressType as string | undefined,
    });
    const tags = input.Tags as Tag[] | undefined;
    if (tags && tags.length > 0) region.tags.add(wf.arn, tags);
    return { WorkforceArn: wf.arn };
  },
  DescribeWorkforce(region, input) {
    return { Workforce: describeWorkforce(region.workforces.describe(input.WorkforceName as string)) };
  },
  UpdateWorkforce(region, input) {
    const wf = region.workforces.update(input.WorkforceName as string, {
      sourceIpConfig: input.SourceIpConfig as { Cidrs: string[] } | undefined,
      oidcConfig: input.OidcConfig as JsonObject | undefined,
      vpcConfig: input.WorkforceVpcConfig as JsonObject | undefined,
      ipAddressType: input.IpAddressType as string | undefined,
    });
    return { Workforce: describeWorkforce(wf) };
  },
  DeleteWorkforce(region, input) {
    region.workforces.delete(input.WorkforceName as string);
    return {};
  },
  ListWorkforces(region, input) {
    const sortByName = input.SortBy === "Name";
    const contains = input.NameContains as string | undefined;
    const workforces = region.workforces.all().filter((wf) => contains === undefined || wf.name.includes(contains));
    const page = paginate(workforces, sortByName ? byName : byCreation, {
      ...pageRequest(input, 10),
      from: undefined,
      until: undefined,
      list: `ListWorkforces:${sortByName ? "Name" : "CreateDate"}:${contains ?? ""}`,
    });
    return defined({ Workforces: page.items.map(describeWorkforce), NextToken: page.nextToken });
  },

  ListSubscribedWorkteams(region, input) {
    const contains = input.NameContains as string | undefined;
    const teams = region.subscribedWorkteams.all().filter((t) => contains === undefined || t.name.includes(contains));
    const page = paginate(teams, byCreation, {
      ...pageRequest(input, 10, "Ascending"),
      from: undefined,
      until: undefined,
      list: `ListSubscribedWorkteams:${contains ?? ""}`,
    });
    return defined({ SubscribedWorkteams: page.items.map(describeSubscribedWorkteam), NextToken: page.nextToken });
  },
  DescribeSubscribedWorkteam(region, input) {
    return { SubscribedWorkteam: describeSubscribedWorkteam(region.subscribedWorkteams.describe(input.WorkteamArn as string)) };
  },
};
