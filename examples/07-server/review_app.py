"""Example 7, the app in Python: ask a human to review an item, later collect the answer from output.json.

Production code: it takes an endpoint_url (None in production) and knows nothing of a2i-fake.
"""
import json

import boto3
from botocore.config import Config


class ReviewService:
    def __init__(self, flow_definition_arn, endpoint_url=None, **session_kwargs):
        session = boto3.session.Session(**session_kwargs)
        self.flow_definition_arn = flow_definition_arn
        self.runtime = session.client("sagemaker-a2i-runtime", endpoint_url=endpoint_url)
        # Path-style addressing: the bucket in the path, as a single endpoint for every bucket needs.
        self.s3 = session.client("s3", endpoint_url=endpoint_url, config=Config(s3={"addressing_style": "path"}))

    def request_review(self, item_id, item):
        name = f"review-{item_id}"
        self.runtime.start_human_loop(
            HumanLoopName=name,
            FlowDefinitionArn=self.flow_definition_arn,
            HumanLoopInput={"InputContent": json.dumps(item)},
        )
        return name

    def collect_answer(self, human_loop_name):
        """The first worker's answer once the loop is Completed; None while it is not."""
        loop = self.runtime.describe_human_loop(HumanLoopName=human_loop_name)
        if loop["HumanLoopStatus"] != "Completed":
            return None
        bucket, key = loop["HumanLoopOutput"]["OutputS3Uri"][len("s3://") :].split("/", 1)
        output = json.loads(self.s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        return output["humanAnswers"][0]["answerContent"]
