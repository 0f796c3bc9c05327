/**
 * Example 11, the app: a small admin back end for a review team.
 *
 * - `reviewWorkforce()` lists who can review (the private workforce, its teams, vendor subscriptions) and the
 *   worker-portal link each reviewer signs in to (`https://` + the team's SubDomain, as the A2I Textract notebook
 *   prints it).
 * - `recordReviewers(outputS3Uri)` reads a finished loop's output.json and stores who reviewed it: the identity
 *   provider, the issuer (for Cognito, the user pool to look the reviewer up in) and the reviewer's `sub`.
 *
 * Plain production code: it builds its clients at import time and knows nothing of a2i-fake.
 */
import {
  SageMakerClient,
  paginateListSubscribedWorkteams,
  paginateListWorkforces,
  paginateListWorkteams,
} from "@aws-sdk/client-sagemaker";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

const sagemaker = new SageMakerClient({});
const s3 = new S3Client({});

export interface ReviewTeam {
  name: string;
  kind: "private" | "vendor";
  /** Where reviewers sign in (private teams only). */
  portalUrl?: string;
  /** The user groups whose members review (private teams). */
  groups: string[];
  seller?: string;
}

export interface ReviewWorkforce {
  workforceName?: string;
  status?: string;
  signIn?: "Cognito" | "Oidc";
  teams: ReviewTeam[];
}

export async function reviewWorkforce(): Promise<ReviewWorkforce> {
  const result: ReviewWorkforce = { teams: [] };
  for await (const page of paginateListWorkforces({ client: sagemaker }, {})) {
    for (const wf of page.Workforces ?? []) {
      result.workforceName = wf.WorkforceName;
      result.status = wf.Status;
      result.signIn = wf.OidcConfig ? "Oidc" : "Cognito";
    }
  }
  for await (const page of paginateListWorkteams({ client: sagemaker }, { SortBy: "Name" })) {
    for (const team of page.Workteams ?? []) {
      result.teams.push({
        name: team.WorkteamName!,
        kind: "private",
        portalUrl: `https://${team.SubDomain}`,
        groups: (team.MemberDefinitions ?? []).flatMap((m) =>
          m.CognitoMemberDefinition ? [m.CognitoMemberDefinition.UserGroup!] : (m.OidcMemberDefinition?.Groups ?? []),
        ),
      });
    }
  }
  for await (const page of paginateListSubscribedWorkteams({ client: sagemaker }, {})) {
    for (const team of page.SubscribedWorkteams ?? []) {
      result.teams.push({ name: team.WorkteamArn!.split("/").pop()!, kind: "vendor", groups: [], seller: team.SellerName });
    }
  }
  return result;
}

export interface ReviewerRecord {
  humanLoopName: string;
  workerId: string;
  identityProviderType?: string;
  issuer?: string;
  /** For Cognito reviewers: the user pool to find them in (AdminGetUser with `sub`). */
  cognitoUserPoolId?: string;
  sub?: string;
}

/** Where the app keeps its audit trail (a database in production). */
export const auditTrail: ReviewerRecord[] = [];

export async function recordReviewers(outputS3Uri: string): Promise<ReviewerRecord[]> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(outputS3Uri)!;
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const output = JSON.parse(await object.Body!.transformToString()) as {
    humanLoopName: string;
    humanAnswers: Array<{ workerId: string; workerMetadata?: { identityData?: { identityProviderType: string; issuer: string; sub: string } } }>;
  };
  const records = output.humanAnswers.map((answer): ReviewerRecord => {
    const identity = answer.workerMetadata?.identityData;
    const cognitoPool = identity?.identityProviderType === "Cognito" ? identity.issuer.split("/").pop() : undefined;
    return {
      humanLoopName: output.humanLoopName,
      workerId: answer.workerId,
      ...(identity ? { identityProviderType: identity.identityProviderType, issuer: identity.issuer, sub: identity.sub } : {}),
      ...(cognitoPool ? { cognitoUserPoolId: cognitoPool } : {}),
    };
  });
  auditTrail.push(...records);
  return records;
}
