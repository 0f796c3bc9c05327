/**
 * The built-in task types' AI services, registered with the interception (faked-services.ts): Textract
 * (`serviceId` "Textract") and Rekognition ("Rekognition"). Their clients are optional peers: registering only
 * names the packages, which are resolved, never loaded, by `install()`.
 */
import { registerFakedService } from "./faked-services.js";
import { awsJsonProtocol } from "./protocol/aws-json.js";
import { rekognitionService } from "./services/rekognition.js";
import { textractService } from "./services/textract.js";

const AI_SERVICE_IDS: ReadonlySet<string> = new Set(["Textract", "Rekognition"]);

/** Whether a serviceId is one of the AI services (`fakeAiServices: false` leaves their clients alone). */
export function isAiService(serviceId: string): boolean {
  return AI_SERVICE_IDS.has(serviceId);
}

registerFakedService({
  serviceId: "Textract",
  packageName: "@aws-sdk/client-textract",
  clientName: "TextractClient",
  api: { protocol: awsJsonProtocol("Textract"), service: textractService },
});
registerFakedService({
  serviceId: "Rekognition",
  packageName: "@aws-sdk/client-rekognition",
  clientName: "RekognitionClient",
  api: { protocol: awsJsonProtocol("RekognitionService"), service: rekognitionService },
});
