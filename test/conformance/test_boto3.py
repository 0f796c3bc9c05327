"""Conformance: the A2I scenario end to end through boto3 (Debian's python3-boto3) against `a2i-fake serve`,
errors asserted by code and by boto3's modeled exception classes; tenants kept apart by access key and
Region."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import control

ACCOUNT = "123456789012"
TEMPLATE = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form></crowd-form>'


def error_of(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def create_flow_definition(sm, name, account=ACCOUNT, region="us-east-1", bucket="py-output"):
    team = sm.create_workteam(
        WorkteamName=f"{name}-team",
        Description="reviewers",
        MemberDefinitions=[
            {"CognitoMemberDefinition": {"UserPool": f"{region}_AbCdEf123", "UserGroup": "g", "ClientId": "c"}}
        ],
    )
    ui = sm.create_human_task_ui(HumanTaskUiName=f"{name}-ui", UiTemplate={"Content": TEMPLATE})
    return sm.create_flow_definition(
        FlowDefinitionName=name,
        RoleArn=f"arn:aws:iam::{account}:role/a2i-role",
        OutputConfig={"S3OutputPath": f"s3://{bucket}/reviews"},
        HumanLoopConfig={
            "WorkteamArn": team["WorkteamArn"],
            "HumanTaskUiArn": ui["HumanTaskUiArn"],
            "TaskTitle": "Label",
            "TaskDescription": "Label it",
            "TaskCount": 1,
        },
    )["FlowDefinitionArn"]


def test_flow_definition_lifecycle(server_url, clients):
    sm, runtime, _ = clients()
    arn = create_flow_definition(sm, "py-flow")
    assert arn == f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:flow-definition/py-flow"
    assert sm.describe_flow_definition(FlowDefinitionName="py-flow")["FlowDefinitionStatus"] == "Initializing"

    with pytest.raises(runtime.exceptions.ValidationException):
        runtime.start_human_loop(
            HumanLoopName="too-early", FlowDefinitionArn=arn, HumanLoopInput={"InputContent": "{}"}
        )
    control(server_url, "POST", "/clock/advance", {"ms": 2000})
    described = sm.describe_flow_definition(FlowDefinitionName="py-flow")
    assert described["FlowDefinitionStatus"] == "Active"
    assert described["CreationTime"].tzinfo is not None

    with pytest.raises(sm.exceptions.ResourceInUse) as excinfo:
        create_flow_definition(sm, "py-flow")
    assert error_of(excinfo) == ("ResourceInUse", 400)
    with pytest.raises(ClientError) as excinfo:
        sm.describe_workteam(WorkteamName="no-such-team")
    assert error_of(excinfo) == ("ValidationException", 400)

    names = [s["FlowDefinitionName"] for s in sm.list_flow_definitions()["FlowDefinitionSummaries"]]
    assert names == ["py-flow"]
    sm.delete_flow_definition(FlowDefinitionName="py-flow")
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.describe_flow_definition(FlowDefinitionName="py-flow")
    assert error_of(excinfo) == ("ResourceNotFound", 400)


def test_human_loops_start_describe_list_stop_delete(server_url, clients):
    sm, runtime, s3 = clients()
    arn = create_flow_definition(sm, "py-loops")
    control(server_url, "POST", "/clock/advance", {"ms": 2000})
    for i in range(1, 6):
        out = runtime.start_human_loop(
            HumanLoopName=f"py-loop-{i}", FlowDefinitionArn=arn, HumanLoopInput={"InputContent": json.dumps({"i": i})}
        )
        assert out["HumanLoopArn"] == f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:human-loop/py-loop-{i}"
        control(server_url, "POST", "/clock/advance", {"ms": 1000})

    loop = runtime.describe_human_loop(HumanLoopName="py-loop-3")
    assert loop["HumanLoopStatus"] == "InProgress"
    assert loop["FlowDefinitionArn"] == arn

    pages = list(
        runtime.get_paginator("list_human_loops").paginate(
            FlowDefinitionArn=arn, SortOrder="Ascending", PaginationConfig={"PageSize": 2}
        )
    )
    assert [[s["HumanLoopName"] for s in p["HumanLoopSummaries"]] for p in pages] == [
        ["py-loop-1", "py-loop-2"],
        ["py-loop-3", "py-loop-4"],
        ["py-loop-5"],
    ]

    with pytest.raises(runtime.exceptions.ConflictException) as excinfo:
        runtime.start_human_loop(
            HumanLoopName="py-loop-1", FlowDefinitionArn=arn, HumanLoopInput={"InputContent": '{"other": true}'}
        )
    assert error_of(excinfo) == ("ConflictException", 409)

    runtime.stop_human_loop(HumanLoopName="py-loop-1")
    assert runtime.describe_human_loop(HumanLoopName="py-loop-1")["HumanLoopStatus"] == "Stopped"
    with pytest.raises(runtime.exceptions.ValidationException) as excinfo:
        runtime.delete_human_loop(HumanLoopName="py-loop-2")
    assert error_of(excinfo) == ("ValidationException", 400)
    runtime.delete_human_loop(HumanLoopName="py-loop-1")
    with pytest.raises(runtime.exceptions.ResourceNotFoundException) as excinfo:
        runtime.describe_human_loop(HumanLoopName="py-loop-1")
    assert error_of(excinfo) == ("ResourceNotFoundException", 404)

    control(server_url, "POST", "/workers/submit", {"humanLoopName": "py-loop-2", "answer": {"label": "cat"}})
    done = runtime.describe_human_loop(HumanLoopName="py-loop-2")
    assert done["HumanLoopStatus"] == "Completed"
    bucket, key = done["HumanLoopOutput"]["OutputS3Uri"][len("s3://") :].split("/", 1)
    document = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    assert document["humanAnswers"][0]["answerContent"] == {"label": "cat"}
    assert document["inputContent"] == {"i": 2}
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="reviews/")["Contents"]] == [key]
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket=bucket, Key="reviews/none.json")

    sm.delete_flow_definition(FlowDefinitionName="py-loops")
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_flow_definition(FlowDefinitionName="py-loops")


def test_tenants_by_access_key_and_region(server_url, clients):
    sm_a, runtime_a, _ = clients(access_key="111111111111")
    sm_b, runtime_b, _ = clients(access_key="222222222222")
    sm_eu, _, _ = clients(access_key="111111111111", region="eu-west-1")
    arn_a = create_flow_definition(sm_a, "shared", account="111111111111", bucket="tenant-a")
    arn_b = create_flow_definition(sm_b, "shared", account="222222222222", bucket="tenant-b")
    assert arn_a == "arn:aws:sagemaker:us-east-1:111111111111:flow-definition/shared"
    assert arn_b == "arn:aws:sagemaker:us-east-1:222222222222:flow-definition/shared"
    assert sm_eu.list_flow_definitions()["FlowDefinitionSummaries"] == []

    control(server_url, "POST", "/clock/advance", {"ms": 2000})
    runtime_a.start_human_loop(HumanLoopName="mine", FlowDefinitionArn=arn_a, HumanLoopInput={"InputContent": "{}"})
    with pytest.raises(runtime_b.exceptions.ResourceNotFoundException):
        runtime_b.describe_human_loop(HumanLoopName="mine")


def test_render_ui_template_and_loops_that_fail_to_render(server_url, clients):
    sm, runtime, _ = clients()
    role = f"arn:aws:iam::{ACCOUNT}:role/a2i-role"
    content = '<crowd-form><img src="{{ task.input.taskObject | grant_read_access }}"></crowd-form>'
    out = sm.render_ui_template(UiTemplate={"Content": content}, Task={"Input": json.dumps({"taskObject": "s3://photos/cat.jpg"})}, RoleArn=role)
    assert out["Errors"] == []
    assert out["RenderedContent"].startswith('<crowd-form><img src="https://photos.s3.us-east-1.amazonaws.com/cat.jpg?X-Amz-Algorithm=')
    out = sm.render_ui_template(UiTemplate={"Content": content}, Task={"Input": "{}"}, RoleArn=role)
    assert out["RenderedContent"] == ""
    assert out["Errors"] == [{"Code": "InvalidParameters", "Message": '"grant_read_access" input is not a valid S3 URI: "".'}]
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.render_ui_template(
            HumanTaskUiArn=f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:human-task-ui/none", Task={"Input": "{}"}, RoleArn=role
        )

    ui = sm.create_human_task_ui(HumanTaskUiName="py-photo-ui", UiTemplate={"Content": content})
    assert sm.render_ui_template(HumanTaskUiArn=ui["HumanTaskUiArn"], Task={"Input": "{}"}, RoleArn=role)["Errors"][0]["Code"] == "InvalidParameters"
    seeded = control(server_url, "POST", "/seed/flow-definition", {"name": "py-render", "humanTaskUiArn": ui["HumanTaskUiArn"]})
    runtime.start_human_loop(
        HumanLoopName="py-no-photo", FlowDefinitionArn=seeded["flowDefinitionArn"], HumanLoopInput={"InputContent": "{}"}
    )
    loop = runtime.describe_human_loop(HumanLoopName="py-no-photo")
    assert loop["HumanLoopStatus"] == "Failed"
    assert loop["FailureCode"] == "ValidationError"
    assert loop["FailureReason"] == "Task failed to render: [ InvalidParameters: '\"grant_read_access\" input is not a valid S3 URI: \"\".' ]"


def test_developer_guide_workforce_and_team_steps(server_url, clients):
    """The "Get started using the A2I API" workforce and team steps: a Cognito workforce, a private team from one of
    its user groups, the portal a reviewer signs in to, and the identity output.json then reports."""
    sm, runtime, s3 = clients()
    pool = "us-east-1_Ex4mpLe12"
    arn = sm.create_workforce(WorkforceName="a2i-tutorial", CognitoConfig={"UserPool": pool, "ClientId": "tutorialclient"})[
        "WorkforceArn"
    ]
    assert arn == f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:workforce/a2i-tutorial"
    workforces = sm.list_workforces()["Workforces"]
    assert [w["WorkforceName"] for w in workforces] == ["a2i-tutorial"]
    config = workforces[0]["CognitoConfig"]
    team = sm.create_workteam(
        WorkteamName="a2i-tutorial-team",
        WorkforceName="a2i-tutorial",
        Description="Reviewers for the tutorial",
        MemberDefinitions=[{"CognitoMemberDefinition": {**config, "UserGroup": "tutorial-reviewers"}}],
    )
    described = sm.describe_workteam(WorkteamName="a2i-tutorial-team")["Workteam"]
    assert described["WorkforceArn"] == arn
    portal = "https://" + described["SubDomain"]
    assert portal == "https://" + sm.describe_workforce(WorkforceName="a2i-tutorial")["Workforce"]["SubDomain"]
    assert portal.endswith(".labeling.us-east-1.sagemaker.aws")

    seeded = control(server_url, "POST", "/seed/flow-definition", {"name": "py-tutorial", "workteamArn": team["WorkteamArn"]})
    runtime.start_human_loop(HumanLoopName="py-tutorial-1", FlowDefinitionArn=seeded["flowDefinitionArn"], HumanLoopInput={"InputContent": "{}"})
    control(server_url, "POST", "/workers/submit", {"humanLoopName": "py-tutorial-1", "workerId": "reviewer-1", "answer": {"ok": True}})
    bucket, key = runtime.describe_human_loop(HumanLoopName="py-tutorial-1")["HumanLoopOutput"]["OutputS3Uri"][5:].split("/", 1)
    identity = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())["humanAnswers"][0]["workerMetadata"]["identityData"]
    assert identity["identityProviderType"] == "Cognito"
    assert identity["issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool}"

    control(server_url, "POST", "/seed/vendor-workteam", {"name": "acme", "sellerName": "Acme"})
    subscribed = sm.list_subscribed_workteams()["SubscribedWorkteams"]
    assert [t["SellerName"] for t in subscribed] == ["Acme"]
    assert sm.describe_subscribed_workteam(WorkteamArn=subscribed[0]["WorkteamArn"])["SubscribedWorkteam"]["SellerName"] == "Acme"


OIDC = {
    "ClientId": "tf-client",
    "ClientSecret": "tf-secret",
    "Issuer": "https://idp.example.com",
    "AuthorizationEndpoint": "https://idp.example.com/authorize",
    "TokenEndpoint": "https://idp.example.com/token",
    "UserInfoEndpoint": "https://idp.example.com/userinfo",
    "LogoutEndpoint": "https://idp.example.com/logout",
    "JwksUri": "https://idp.example.com/jwks",
}


def wait_active(server_url, sm, name):
    """What Terraform's waiter does: poll DescribeWorkforce until Active (here by advancing the manual clock)."""
    for _ in range(10):
        status = sm.describe_workforce(WorkforceName=name)["Workforce"]["Status"]
        if status == "Active":
            return
        assert status in ("Initializing", "Updating")
        control(server_url, "POST", "/clock/advance", {"ms": 500})
    raise AssertionError(f"workforce {name} never became Active")


def test_terraform_like_workforce_lifecycle(server_url, clients):
    sm, _, _ = clients()
    sm.create_workforce(WorkforceName="tf", OidcConfig=OIDC, SourceIpConfig={"Cidrs": ["10.0.0.0/8"]}, Tags=[{"Key": "env", "Value": "test"}])
    assert sm.describe_workforce(WorkforceName="tf")["Workforce"]["Status"] == "Initializing"
    wait_active(server_url, sm, "tf")

    updated = sm.update_workforce(WorkforceName="tf", SourceIpConfig={"Cidrs": ["192.0.2.0/24"]}, OidcConfig={**OIDC, "ClientId": "tf-client-2"})
    assert updated["Workforce"]["Status"] == "Updating"
    wait_active(server_url, sm, "tf")
    read_back = sm.describe_workforce(WorkforceName="tf")["Workforce"]
    assert read_back["SourceIpConfig"] == {"Cidrs": ["192.0.2.0/24"]}
    assert read_back["OidcConfig"] == {k: v for k, v in {**OIDC, "ClientId": "tf-client-2"}.items() if k != "ClientSecret"}
    assert "tf-secret" not in json.dumps(read_back, default=str)

    sm.create_workteam(WorkteamName="tf-team", WorkforceName="tf", Description="d", MemberDefinitions=[{"OidcMemberDefinition": {"Groups": ["a", "b"]}}])
    team = sm.update_workteam(WorkteamName="tf-team", MemberDefinitions=[{"OidcMemberDefinition": {"Groups": ["b"]}}])["Workteam"]
    assert team["MemberDefinitions"] == [{"OidcMemberDefinition": {"Groups": ["b"]}}]
    with pytest.raises(sm.exceptions.ConflictException) as excinfo:
        sm.update_workforce(WorkforceName="tf", OidcConfig=OIDC)
    assert error_of(excinfo) == ("ConflictException", 400)
    with pytest.raises(sm.exceptions.ResourceInUse):
        sm.delete_workforce(WorkforceName="tf")

    sm.delete_workteam(WorkteamName="tf-team")
    sm.delete_workforce(WorkforceName="tf")
    with pytest.raises(ClientError) as excinfo:
        sm.describe_workforce(WorkforceName="tf")
    assert error_of(excinfo) == ("ValidationException", 400)
    assert "No workforce" in excinfo.value.response["Error"]["Message"]
    assert sm.list_workforces()["Workforces"] == []
