/**
 * Vendor work teams: AWS Marketplace "human review services" an account subscribes to in the console
 * (DG:sms-workforce-management-vendor). No API creates them, so tests seed them; apps see them through
 * ListSubscribedWorkteams and DescribeSubscribedWorkteam, and flow definitions can name their ARNs
 * (`…:workteam/vendor-crowd/<name>`, a2i-api-spec.md §7). They are not private teams: ListWorkteams and
 * DescribeWorkteam do not show them, and they do not count toward the 25-team limit.
 */
import { vendorWorkteamArn } from "./arns.js";
import { resourceInUse, validationException } from "./errors.js";
import { SortedIndex } from "./pagination.js";
import { byCreation, type Resource } from "./resource.js";
import type { RegionBackend } from "./region-backend.js";

export interface SubscribedWorkteam extends Resource {
  readonly marketplaceTitle: string | undefined;
  readonly sellerName: string | undefined;
  readonly marketplaceDescription: string | undefined;
  readonly listingId: string | undefined;
}

export interface VendorListing {
  marketplaceTitle?: string | undefined;
  sellerName?: string | undefined;
  marketplaceDescription?: string | undefined;
  listingId?: string | undefined;
}

export class SubscribedWorkteams {
  private readonly byArn = new Map<string, SubscribedWorkteam>();
  readonly index = new SortedIndex<SubscribedWorkteam>(byCreation);

  constructor(private readonly region: RegionBackend) {}

  subscribe(name: string, listing: VendorListing): SubscribedWorkteam {
    const arn = vendorWorkteamArn(this.region.scope, name);
    if (this.byArn.has(arn)) throw resourceInUse(`The account is already subscribed to the vendor work team ${arn}.`);
    const team: SubscribedWorkteam = {
      name,
      arn,
      creationTime: this.region.now(),
      seq: this.region.nextSeq(),
      marketplaceTitle: listing.marketplaceTitle,
      sellerName: listing.sellerName,
      marketplaceDescription: listing.marketplaceDescription,
      listingId: listing.listingId,
    };
    this.byArn.set(arn, team);
    this.index.insert(team);
    return team;
  }

  get(arn: string): SubscribedWorkteam | undefined {
    return this.byArn.get(arn);
  }

  /** Unknown ARN: a ValidationException (AWS's answer is UNCONFIRMED; DescribeWorkteam's kind, a Choice). */
  describe(arn: string): SubscribedWorkteam {
    const team = this.byArn.get(arn);
    if (!team) throw validationException(`The work team '${arn}' is not a vendor work team this account subscribes to.`);
    return team;
  }

  all(): SubscribedWorkteam[] {
    return [...this.index.items];
  }
}
