/**
 * restJson1, the A2I runtime wire format (spec §1.2): routes by method and path, labels and query
 * parameters, ISO 8601 timestamps, errors with `x-amzn-errortype` and `{"Message": ...}` and each
 * code's own HTTP status.
 */
import { own } from "../own.js";
import { A2I_RUNTIME_ERROR_STATUS, type AwsServiceError } from "../model/errors.js";
import type { EncodedMembers, JsonObject } from "../services/service.js";
import { SerializationError } from "../services/validate.js";
import type { ParsedRequest, Protocol } from "./protocol.js";
import { joinJsonObjects, jsonBody, nextRequestId, stringifyWithDates, type QueryValue, type WireRequest } from "./wire.js";
import { isoTime } from "../model/iso-time.js";

const isoOfDate = (d: Date): string => isoTime(d.getTime());

type QueryType = "string" | "integer" | "timestamp";

export interface Route {
  readonly operation: string;
  readonly method: string;
  /** Path segments; `{Name}` is a label bound to that input member. */
  readonly segments: readonly string[];
  /** The input member each segment binds (`Name` for `{Name}`), undefined for a literal segment. */
  readonly labelNames: readonly (string | undefined)[];
  readonly query?: Readonly<Record<string, QueryType>>;
  readonly body?: boolean;
}

const route = (operation: string, method: string, path: string, extra: Pick<Partial<Route>, "query" | "body"> = {}): Route => {
  const segments = path.split("/").filter((s) => s !== "");
  return { operation, method, segments, labelNames: segments.map((s) => (s.startsWith("{") ? s.slice(1, -1) : undefined)), ...extra };
};

/** The A2I runtime's routes (A2I-MODEL `smithy.api#http`). `/human-loops/stop` is matched before the label. */
export const A2I_RUNTIME_ROUTES: readonly Route[] = [
  route("StartHumanLoop", "POST", "/human-loops", { body: true }),
  route("StopHumanLoop", "POST", "/human-loops/stop", { body: true }),
  route("ListHumanLoops", "GET", "/human-loops", {
    query: {
      CreationTimeAfter: "timestamp",
      CreationTimeBefore: "timestamp",
      FlowDefinitionArn: "string",
      SortOrder: "string",
      NextToken: "string",
      MaxResults: "integer",
    },
  }),
  route("DescribeHumanLoop", "GET", "/human-loops/{HumanLoopName}"),
  route("DeleteHumanLoop", "DELETE", "/human-loops/{HumanLoopName}"),
];

export interface RouteMatch {
  readonly route: Route;
  readonly labels: Readonly<Record<string, string>>;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** Both the HTTP server's front end and the protocol match every request: no array or object is made in vain. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const segments = pathSegments(path);
  for (const r of routes) {
    if (r.method !== method || r.segments.length !== segments.length) continue;
    let labels: Record<string, string> | undefined;
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const got = segments[i]!;
      // The member's name is the route's own string (not a slice per request: V8 finds it again at once).
      const label = r.labelNames[i];
      if (label !== undefined) (labels ??= {})[label] = got.includes("%") ? safeDecode(got) : got;
      else ok = r.segments[i] === got;
    }
    if (ok) return { route: r, labels: labels ?? NO_LABELS };
  }
  return undefined;
}

/** The non-empty `/`-separated segments of a path, before any `?`. */
function pathSegments(path: string): string[] {
  const q = path.indexOf("?");
  const end = q < 0 ? path.length : q;
  const segments: string[] = [];
  let start = 0;
  while (start < end) {
    let slash = path.indexOf("/", start);
    if (slash < 0 || slash > end) slash = end;
    if (slash > start) segments.push(path.slice(start, slash));
    start = slash + 1;
  }
  return segments;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SerializationError("The request path is not valid percent-encoding.");
  }
}

function first(value: QueryValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : value[0];
}

function queryInput(r: Route, query: Readonly<Record<string, QueryValue>>): JsonObject {
  const input: JsonObject = {};
  for (const [name, type] of Object.entries(r.query ?? {})) {
    const raw = first(query[name]);
    if (raw === undefined) continue;
    if (type === "integer") {
      if (!/^-?\d+$/.test(raw)) throw new SerializationError(`Query parameter ${name} must be an integer.`);
      input[name] = Number(raw);
    } else {
      input[name] = raw;
    }
  }
  return input;
}

function requestInput(match: RouteMatch, request: WireRequest): JsonObject {
  // A body alone (StartHumanLoop, StopHumanLoop): its parsed object is the input, not copied.
  if (match.route.body && !match.route.query && match.labels === NO_LABELS) return jsonBody(request.body);
  // Labels alone (DescribeHumanLoop, DeleteHumanLoop): the match's own object, made for this request, is the input.
  if (!match.route.body && !match.route.query && match.labels !== NO_LABELS) return match.labels;
  return {
    ...(match.route.body ? jsonBody(request.body) : undefined),
    ...(match.route.query ? queryInput(match.route, request.query) : undefined),
    ...match.labels,
  };
}

/** A request matched to its route (a class, not a closure: one is made for every call). */
export class RoutedRequest implements ParsedRequest {
  readonly operation: string;

  constructor(
    readonly match: RouteMatch,
    private readonly request: WireRequest,
  ) {
    this.operation = match.route.operation;
  }

  decode(): JsonObject {
    return requestInput(this.match, this.request);
  }
}

export function restJsonProtocol(routes: readonly Route[]): Protocol {
  return {
    parse(request) {
      const match = matchRoute(routes, request.method.toUpperCase(), request.path);
      return match && new RoutedRequest(match, request);
    },
    encodeOutput(output, encoded?: EncodedMembers) {
      // Members whose JSON text the service kept (a loop described again) are not written again.
      const body = encoded
        ? joinJsonObjects(encoded.json, stringifyWithDates(encoded.rest, isoOfDate))
        : Object.keys(output).length === 0
          ? ""
          : stringifyWithDates(output, isoOfDate);
      return { statusCode: 200, headers: { "content-type": "application/json", "x-amzn-requestid": nextRequestId() }, body };
    },
    encodeError(err: AwsServiceError) {
      return {
        statusCode: own(A2I_RUNTIME_ERROR_STATUS, err.code) ?? err.httpStatus ?? 400,
        headers: {
          "content-type": "application/json",
          "x-amzn-errortype": err.code,
          "x-amzn-requestid": nextRequestId(),
        },
        body: JSON.stringify({ Message: err.message }),
      };
    },
  };
}
