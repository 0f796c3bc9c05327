/**
 * Input shapes of the workforce operations: a STOPGAP until the shapes generated from the official model
 * (issue 11, `src/services/generated/`) cover them. Only what the handlers rely on is here (members, types,
 * required members, enums); lengths and patterns come with the generated shapes, never typed by hand.
 */
import { list, map, str, struct, int, type Shape } from "./validate.js";

const text = str();
const MaxResults = int({ min: 1, max: 100 });
const TagList = list(struct({ Key: text, Value: text }, ["Key", "Value"]));
const SourceIpConfig = struct({ Cidrs: list(text) }, ["Cidrs"]);
const OidcConfig = struct(
  {
    ClientId: text,
    ClientSecret: text,
    Issuer: text,
    AuthorizationEndpoint: text,
    TokenEndpoint: text,
    UserInfoEndpoint: text,
    LogoutEndpoint: text,
    JwksUri: text,
    Scope: text,
    AuthenticationRequestExtraParams: map(text),
  },
  ["ClientId", "ClientSecret", "Issuer", "AuthorizationEndpoint", "TokenEndpoint", "UserInfoEndpoint", "LogoutEndpoint", "JwksUri"],
);
const WorkforceVpcConfig = struct({ VpcId: text, SecurityGroupIds: list(text), Subnets: list(text) });
const IpAddressType = str({ enum: ["ipv4", "dualstack"] });
const MemberDefinition = struct({
  CognitoMemberDefinition: struct({ UserPool: text, UserGroup: text, ClientId: text }, ["UserPool", "UserGroup", "ClientId"]),
  OidcMemberDefinition: struct({ Groups: list(text) }, ["Groups"]),
});

export const WORKFORCE_SHAPES: Readonly<Record<string, Shape>> = {
  CreateWorkforce: struct(
    {
      CognitoConfig: struct({ UserPool: text, ClientId: text }, ["UserPool", "ClientId"]),
      OidcConfig,
      SourceIpConfig,
      WorkforceName: text,
      Tags: TagList,
      WorkforceVpcConfig,
      IpAddressType,
    },
    ["WorkforceName"],
  ),
  DescribeWorkforce: struct({ WorkforceName: text }, ["WorkforceName"]),
  UpdateWorkforce: struct(
    { WorkforceName: text, SourceIpConfig, OidcConfig, WorkforceVpcConfig, IpAddressType },
    ["WorkforceName"],
  ),
  DeleteWorkforce: struct({ WorkforceName: text }, ["WorkforceName"]),
  ListWorkforces: struct({
    SortBy: str({ enum: ["Name", "CreateDate"] }),
    SortOrder: str({ enum: ["Ascending", "Descending"] }),
    NameContains: text,
    NextToken: text,
    MaxResults,
  }),
  UpdateWorkteam: struct(
    {
      WorkteamName: text,
      MemberDefinitions: list(MemberDefinition),
      Description: text,
      NotificationConfiguration: struct({ NotificationTopicArn: text }),
      WorkerAccessConfiguration: struct({
        S3Presign: struct({
          IamPolicyConstraints: struct({
            SourceIp: str({ enum: ["Enabled", "Disabled"] }),
            VpcSourceIp: str({ enum: ["Enabled", "Disabled"] }),
          }),
        }),
      }),
    },
    ["WorkteamName"],
  ),
  ListSubscribedWorkteams: struct({ NameContains: text, NextToken: text, MaxResults }),
  DescribeSubscribedWorkteam: struct({ WorkteamArn: text }, ["WorkteamArn"]),
};
