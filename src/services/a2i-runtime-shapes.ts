/** Input shapes of the A2I runtime operations, with their Smithy constraints (spec §3.1). */
import { int, list, str, struct, timestamp, type Shape } from "./validate.js";

const HumanLoopName = str({ min: 1, max: 63, pattern: "^[a-z0-9](-*[a-z0-9])*$" });
const FlowDefinitionArn = str({ max: 1024, pattern: "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:flow-definition/.*" });

export const A2I_RUNTIME_SHAPES: Readonly<Record<string, Shape>> = {
  StartHumanLoop: struct(
    {
      HumanLoopName,
      FlowDefinitionArn,
      HumanLoopInput: struct({ InputContent: str({ max: 3_145_728 }) }, ["InputContent"]),
      DataAttributes: struct(
        {
          ContentClassifiers: list(
            str({ enum: ["FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"] }),
            { max: 256 },
          ),
        },
        ["ContentClassifiers"],
      ),
    },
    ["HumanLoopName", "FlowDefinitionArn", "HumanLoopInput"],
  ),
  DescribeHumanLoop: struct({ HumanLoopName }, ["HumanLoopName"]),
  ListHumanLoops: struct(
    {
      CreationTimeAfter: timestamp,
      CreationTimeBefore: timestamp,
      FlowDefinitionArn,
      SortOrder: str({ enum: ["Ascending", "Descending"] }),
      NextToken: str({ max: 8192, pattern: ".*" }),
      MaxResults: int({ min: 1, max: 100 }),
    },
    ["FlowDefinitionArn"],
  ),
  StopHumanLoop: struct({ HumanLoopName }, ["HumanLoopName"]),
  DeleteHumanLoop: struct({ HumanLoopName }, ["HumanLoopName"]),
};
