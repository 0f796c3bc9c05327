"""Conformance: the built-in task types through boto3 against `a2i-fake serve`: Textract AnalyzeDocument and
Rekognition DetectModerationLabels with HumanLoopConfig on the same port as SageMaker and the A2I runtime,
model results declared through the control endpoints, the review, output.json, and the services' own errors."""
import json

import boto3
import pytest
from botocore.config import Config

from conftest import control

TEXTRACT = "AWS/Textract/AnalyzeDocument/Forms/V1"
REKOGNITION = "AWS/Rekognition/DetectModerationLabels/Image/V3"


@pytest.fixture
def ai(server_url):
    session = boto3.session.Session(aws_access_key_id="AKIDCONFORMANCEPY", aws_secret_access_key="x", region_name="us-east-1")
    config = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
    return {
        name: session.client(name, endpoint_url=server_url, config=config)
        for name in ["textract", "rekognition", "sagemaker-a2i-runtime", "s3"]
    }


def test_textract_form_review(server_url, ai):
    conditions = {
        "Conditions": [
            {
                "ConditionType": "ImportantFormKeyConfidenceCheck",
                "ConditionParameters": {"ImportantFormKey": "Mail address:", "KeyValueBlockConfidenceLessThan": 60},
            }
        ]
    }
    fd = control(
        server_url,
        "POST",
        "/seed/flow-definition",
        {"name": "py-forms", "requestSource": TEXTRACT, "activationConditions": json.dumps(conditions)},
    )
    control(
        server_url,
        "POST",
        "/ai-results/analyze-document",
        {"document": "s3://claims/claim-7.png", "form": {"Name:": "Jane Doe", "Mail address:": {"value": "12 Main St", "keyConfidence": 55}}},
    )
    textract = ai["textract"]
    out = textract.analyze_document(
        Document={"S3Object": {"Bucket": "claims", "Name": "claim-7.png"}},
        FeatureTypes=["FORMS"],
        HumanLoopConfig={"HumanLoopName": "py-doc-7", "FlowDefinitionArn": fd["flowDefinitionArn"]},
    )
    assert [b["BlockType"] for b in out["Blocks"]].count("KEY_VALUE_SET") == 4
    activation = out["HumanLoopActivationOutput"]
    assert activation["HumanLoopArn"].endswith(":human-loop/py-doc-7")
    assert activation["HumanLoopActivationReasons"] == ["ConditionsEvaluation"]
    # A JSON-valued string: botocore returns it as text.
    assert json.loads(activation["HumanLoopActivationConditionsEvaluationResults"])["Conditions"][0]["EvaluationResult"] is True

    other = textract.analyze_document(
        Document={"S3Object": {"Bucket": "claims", "Name": "unknown.png"}},
        FeatureTypes=["FORMS"],
        HumanLoopConfig={"HumanLoopName": "py-doc-8", "FlowDefinitionArn": fd["flowDefinitionArn"]},
    )
    assert [b["BlockType"] for b in other["Blocks"]] == ["PAGE"]
    assert "HumanLoopArn" not in other["HumanLoopActivationOutput"]

    control(server_url, "POST", "/workers/review-form", {"humanLoopName": "py-doc-7", "values": {"Mail address:": "12 Main Street"}})
    loop = ai["sagemaker-a2i-runtime"].describe_human_loop(HumanLoopName="py-doc-7")
    assert loop["HumanLoopStatus"] == "Completed"
    bucket, key = loop["HumanLoopOutput"]["OutputS3Uri"][len("s3://"):].split("/", 1)
    doc = json.loads(ai["s3"].get_object(Bucket=bucket, Key=key)["Body"].read())
    assert doc["awsManagedHumanLoopRequestSource"] == TEXTRACT
    assert doc["inputContent"]["aiServiceRequest"]["document"] == {"s3Object": {"bucket": "claims", "name": "claim-7.png"}}
    blocks = doc["humanAnswers"][0]["answerContent"][TEXTRACT]["blocks"]
    assert "Street" in [b.get("text") for b in blocks]

    with pytest.raises(textract.exceptions.InvalidParameterException) as excinfo:
        textract.analyze_document(
            Document={"S3Object": {"Bucket": "claims", "Name": "claim-7.png"}},
            FeatureTypes=["FORMS"],
            HumanLoopConfig={"HumanLoopName": "py-doc-7", "FlowDefinitionArn": fd["flowDefinitionArn"]},
        )
    assert "already exists and is finished" in str(excinfo.value)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_rekognition_moderation_and_errors(server_url, ai):
    fd = control(server_url, "POST", "/seed/flow-definition", {"name": "py-images", "requestSource": REKOGNITION})
    control(server_url, "POST", "/ai-results/detect-moderation-labels", {"labels": [{"name": "Weapons", "confidence": 87.5}]})
    rekognition = ai["rekognition"]
    out = rekognition.detect_moderation_labels(
        Image={"S3Object": {"Bucket": "uploads", "Name": "img-3.jpg"}},
        HumanLoopConfig={"HumanLoopName": "py-img-3", "FlowDefinitionArn": fd["flowDefinitionArn"]},
    )
    assert [(l["Name"], l["ParentName"]) for l in out["ModerationLabels"]] == [("Weapons", "Violence"), ("Violence", "")]
    assert out["HumanLoopActivationOutput"]["HumanLoopArn"].endswith(":human-loop/py-img-3")
    control(server_url, "POST", "/workers/review-moderation-labels", {"humanLoopName": "py-img-3", "labels": ["Weapons"]})
    outputs = control(server_url, "GET", "/outputs")
    assert outputs[0]["document"]["humanAnswers"][0]["answerContent"] == {
        REKOGNITION: {"moderationLabels": [{"name": "Weapons", "parentName": "Violence"}]}
    }

    control(server_url, "POST", "/maintenance-mode")
    with pytest.raises(rekognition.exceptions.InvalidParameterException) as excinfo:
        rekognition.detect_moderation_labels(
            Image={"S3Object": {"Bucket": "uploads", "Name": "img-4.jpg"}},
            HumanLoopConfig={"HumanLoopName": "py-img-4", "FlowDefinitionArn": fd["flowDefinitionArn"]},
        )
    assert "not an existing Amazon A2I customer" in str(excinfo.value)
    assert rekognition.detect_moderation_labels(Image={"S3Object": {"Bucket": "uploads", "Name": "img-4.jpg"}})["ModerationLabels"]
