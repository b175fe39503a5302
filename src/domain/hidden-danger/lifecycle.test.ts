import { describe, expect, it } from "vitest";
import {
  applyTransition,
  availableActions,
  HIDDEN_DANGER_TRANSITIONS,
  type HiddenDangerAction,
  type HiddenDangerState,
  missingPlanParts,
  nextStatus,
  type RectificationPlan,
  reportHiddenDanger,
  type TransitionContext,
  type TransitionResult,
} from "./lifecycle";
import {
  HIDDEN_DANGER_ACTIONS,
  HIDDEN_DANGER_STATUSES,
  type HiddenDangerActionType,
  type HiddenDangerStatus,
} from "./vocabulary";

const DAY = 86_400_000;
const NOW = new Date("2026-03-10T02:00:00Z");
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY);

function plan(overrides: Partial<RectificationPlan> = {}): RectificationPlan {
  return {
    objectiveAndTasks: "Replace the corroded section of the chlorine line",
    method: "Shut down line 2, purge, cut out and weld a new section",
    fundsAndMaterials: "80,000 yuan from the safety budget; pipe and valves in store",
    responsiblePeople: ["user-maint-head", "user-welder"],
    timeLimit: daysFromNow(20),
    safetyMeasures: "Isolation, gas testing, hot-work permit",
    emergencyPlan: "Chlorine leak plan CL-3",
    ...overrides,
  };
}

function danger(overrides: Partial<HiddenDangerState> = {}): HiddenDangerState {
  return {
    status: "reported",
    level: null,
    source: "inspection",
    finderId: "finder",
    reportedAt: daysFromNow(-1),
    responsibleUnit: null,
    responsiblePersonId: null,
    deadline: null,
    measures: null,
    rectifierId: null,
    verifierId: null,
    closedAt: null,
    dismissalReason: null,
    plan: null,
    supervision: {
      listed: false,
      listedAt: null,
      listedBy: null,
      progressIntervalDays: null,
      lastProgressReportAt: null,
      delistedAt: null,
    },
    pendingExtension: null,
    counters: { verificationFailures: 0, extensionsApproved: 0, extensionsRejected: 0, progressReports: 0 },
    ...overrides,
  };
}

/** A confirmed danger past the point of `status`, with its deadline and responsible person set. */
function dangerAt(status: HiddenDangerStatus, overrides: Partial<HiddenDangerState> = {}): HiddenDangerState {
  const confirmed = status !== "reported" && status !== "dismissed";
  return danger({
    status,
    level: confirmed ? "general" : null,
    responsibleUnit: confirmed ? "workshop-2" : null,
    responsiblePersonId: confirmed ? "responsible" : null,
    deadline: confirmed ? daysFromNow(7) : null,
    rectifierId: status === "awaiting_verification" || status === "closed" ? "rectifier" : null,
    dismissalReason: status === "dismissed" ? "A painted line, not a defect" : null,
    ...overrides,
  });
}

function context(
  actor: Partial<TransitionContext["actor"]> = {},
  extra: Partial<Omit<TransitionContext, "actor">> = {},
): TransitionContext {
  return {
    actor: { userId: "manager", role: "safety_manager", authority: 2, isGovernment: false, ...actor },
    now: NOW,
    ...extra,
  };
}

const government = () => context({ userId: "inspector", role: "supervisor", authority: 10, isGovernment: true });

type ActionOf<T extends HiddenDangerActionType> = Extract<HiddenDangerAction, { type: T }>;

/** A valid action of each type, fresh on every call. */
const validActions = (): { [T in HiddenDangerActionType]: ActionOf<T> } => ({
  confirm: {
    type: "confirm",
    level: "general",
    responsibleUnit: "workshop-2",
    responsiblePersonId: "responsible",
    deadline: daysFromNow(7),
  },
  dismiss: { type: "dismiss", reason: "A painted line, not a defect" },
  start_rectification: { type: "start_rectification", plan: plan() },
  submit_rectification: { type: "submit_rectification", note: "Guard refitted and bolted", photoIds: ["photo-after"] },
  verify_pass: { type: "verify_pass", comment: "Checked in place" },
  verify_fail: { type: "verify_fail", reason: "Two bolts missing" },
  request_extension: { type: "request_extension", newDeadline: daysFromNow(14), reason: "Spare part on order" },
  approve_extension: { type: "approve_extension" },
  reject_extension: { type: "reject_extension", reason: "Use the spare from line 1" },
  list_for_supervision: { type: "list_for_supervision", progressIntervalDays: 7 },
  require_progress_report: { type: "require_progress_report", intervalDays: 7 },
  report_progress: { type: "report_progress", note: "Line 2 shut down and purged" },
  delist: { type: "delist", comment: "Verified on site" },
  close_on_spot: { type: "close_on_spot", beforePhotoIds: ["photo-before"], afterPhotoIds: ["photo-after"] },
});

function action<T extends HiddenDangerActionType>(type: T): ActionOf<T> {
  return validActions()[type];
}

/** A state in `status` and a context that satisfy every precondition of `type` besides the status itself. */
function readyFor(status: HiddenDangerStatus, type: HiddenDangerActionType) {
  const isGovernmentStep = ["list_for_supervision", "require_progress_report", "delist"].includes(type);
  const state = dangerAt(status, {
    level: type === "close_on_spot" ? null : "major",
    plan: plan(),
    rectifierId: "rectifier",
    supervision: {
      ...danger().supervision,
      listed: type !== "list_for_supervision",
      listedAt: type !== "list_for_supervision" ? daysFromNow(-1) : null,
    },
    pendingExtension:
      type === "approve_extension" || type === "reject_extension"
        ? {
            requesterId: "responsible",
            requesterAuthority: 1,
            requestedAt: daysFromNow(-1),
            newDeadline: daysFromNow(14),
            reason: "Spare part on order",
          }
        : null,
  });
  const ctx = isGovernmentStep ? government() : context({}, { finderSupervisorIds: ["manager"] });
  return { state, ctx };
}

function expectRejected(result: TransitionResult, code: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.text["zh-CN"]).not.toBe("");
  expect(result.error.text.en).not.toBe("");
}

function accepted(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.text.en}`);
  return result;
}

describe("the transition table", () => {
  const pairs = HIDDEN_DANGER_STATUSES.flatMap((status) =>
    HIDDEN_DANGER_ACTIONS.map((type) => [status, type] as const),
  );
  const legal = pairs.filter(([status, type]) => nextStatus(status, type) !== null);
  const illegal = pairs.filter(([status, type]) => nextStatus(status, type) === null);

  it("covers every status × action pair: 6 statuses, 14 actions", () => {
    expect(pairs).toHaveLength(84);
    expect(legal.length + illegal.length).toBe(84);
  });

  it.each(legal)("from %s, %s leads to the status in the table", (status, type) => {
    const { state, ctx } = readyFor(status, type);
    const result = accepted(applyTransition(state, action(type), ctx));
    expect(result.state.status).toBe(HIDDEN_DANGER_TRANSITIONS[status][type]);
    expect(result.event).toMatchObject({ action: type, from: status, to: result.state.status, at: NOW });
    expect(availableActions(state, ctx)).toContain(type);
  });

  it.each(illegal)("from %s, rejects %s as an illegal transition", (status, type) => {
    const { state, ctx } = readyFor(status, type);
    expectRejected(applyTransition(state, action(type), ctx), "illegal_transition");
    expect(availableActions(state, ctx)).not.toContain(type);
  });

  it("moves between statuses only along the life cycle of the issue", () => {
    const moves = legal
      .filter(([status, type]) => nextStatus(status, type) !== status)
      .map(([status, type]) => `${status} --${type}--> ${nextStatus(status, type)}`);
    expect(moves).toEqual([
      "reported --confirm--> confirmed",
      "reported --dismiss--> dismissed",
      "reported --close_on_spot--> closed",
      "confirmed --start_rectification--> rectifying",
      "rectifying --submit_rectification--> awaiting_verification",
      "awaiting_verification --verify_pass--> closed",
      "awaiting_verification --verify_fail--> rectifying",
    ]);
  });

  it("leaves a dismissed danger with no action at all", () => {
    expect(Object.keys(HIDDEN_DANGER_TRANSITIONS.dismissed)).toEqual([]);
  });

  it("leaves a closed danger with delisting only", () => {
    expect(Object.keys(HIDDEN_DANGER_TRANSITIONS.closed)).toEqual(["delist"]);
  });

  it("names the status and the allowed actions in an illegal-transition message", () => {
    const result = applyTransition(dangerAt("reported"), action("verify_pass"), context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.text["zh-CN"]).toContain("已上报");
    expect(result.error.text.en).toContain("confirm, dismiss, close_on_spot");
  });
});

describe("reportHiddenDanger", () => {
  it("records a reported danger and a report event with the finder's photos", () => {
    const result = reportHiddenDanger(
      { finderId: "finder", source: "employee_report", description: "Missing guard on press 3", photoIds: ["p1"] },
      context({ userId: "finder", role: "employee", authority: 0 }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toMatchObject({ status: "reported", level: null, finderId: "finder", reportedAt: NOW });
    expect(result.event).toMatchObject({
      action: "report",
      from: null,
      to: "reported",
      actorId: "finder",
      comment: "Missing guard on press 3",
      photoIds: ["p1"],
    });
  });

  it("rejects a report without a description or with an unknown source", () => {
    const result = reportHiddenDanger(
      // @ts-expect-error an unknown source, as a client might send
      { finderId: "finder", source: "rumour", description: " " },
      context(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: "invalid_report", fields: ["source", "description"] });
  });
});

describe("confirming and dismissing", () => {
  it("sets level, responsible unit and person, deadline and measures on confirmation", () => {
    const result = accepted(
      applyTransition(
        dangerAt("reported"),
        { ...action("confirm"), level: "major", measures: "Fence it off" },
        context(),
      ),
    );
    expect(result.state).toMatchObject({
      status: "confirmed",
      level: "major",
      responsibleUnit: "workshop-2",
      responsiblePersonId: "responsible",
      deadline: daysFromNow(7),
      measures: "Fence it off",
    });
  });

  it("rejects a confirmation whose deadline has already passed", () => {
    const confirm = { ...action("confirm"), deadline: daysFromNow(-1) };
    expectRejected(applyTransition(dangerAt("reported"), confirm, context()), "deadline_in_past");
  });

  it("rejects a confirmation with an invalid date as deadline", () => {
    const confirm = { ...action("confirm"), deadline: new Date("not a date") };
    expectRejected(applyTransition(dangerAt("reported"), confirm, context()), "invalid_deadline");
  });

  it("rejects a confirmation that names no responsible person", () => {
    const confirm = { ...action("confirm"), responsiblePersonId: "" };
    const result = applyTransition(dangerAt("reported"), confirm, context());
    expectRejected(result, "responsible_required");
    expect(!result.ok && result.error.fields).toEqual(["responsiblePersonId"]);
  });

  it("rejects a dismissal without a reason", () => {
    expectRejected(
      applyTransition(dangerAt("reported"), { type: "dismiss", reason: "  " }, context()),
      "reason_required",
    );
  });

  it("keeps the dismissal reason on the state and in the event comment", () => {
    const result = accepted(applyTransition(dangerAt("reported"), action("dismiss"), context()));
    expect(result.state.dismissalReason).toBe("A painted line, not a defect");
    expect(result.event.comment).toBe("A painted line, not a defect");
  });
});

describe("starting rectification", () => {
  it("rejects a major danger without a rectification plan", () => {
    const result = applyTransition(
      dangerAt("confirmed", { level: "major" }),
      { type: "start_rectification" },
      context(),
    );
    expectRejected(result, "plan_required");
  });

  it("names the missing parts of an incomplete plan", () => {
    const incomplete = plan({ emergencyPlan: "", responsiblePeople: [] });
    const result = applyTransition(
      dangerAt("confirmed", { level: "major" }),
      { type: "start_rectification", plan: incomplete },
      context(),
    );
    expectRejected(result, "plan_incomplete");
    expect(!result.ok && result.error.fields).toEqual(["plan.responsiblePeople", "plan.emergencyPlan"]);
    expect(!result.ok && result.error.text["zh-CN"]).toContain("负责治理的机构和人员、应急预案");
  });

  it("starts a major danger under its plan and keeps the plan", () => {
    const result = accepted(
      applyTransition(dangerAt("confirmed", { level: "major" }), action("start_rectification"), context()),
    );
    expect(result.state).toMatchObject({ status: "rectifying", plan: plan() });
  });

  it("accepts a plan already on the state", () => {
    const state = dangerAt("confirmed", { level: "major", plan: plan() });
    expect(applyTransition(state, { type: "start_rectification" }, context()).ok).toBe(true);
  });

  it("starts a general danger without a plan", () => {
    expect(applyTransition(dangerAt("confirmed"), { type: "start_rectification" }, context()).ok).toBe(true);
  });
});

describe("missingPlanParts", () => {
  it("finds nothing missing in a complete plan", () => {
    expect(missingPlanParts(plan())).toEqual([]);
  });

  it("lists all seven parts for no plan at all", () => {
    expect(missingPlanParts(null)).toHaveLength(7);
  });

  it("treats an invalid time limit and a blank responsible person as missing", () => {
    expect(missingPlanParts(plan({ timeLimit: new Date(Number.NaN), responsiblePeople: ["a", " "] }))).toEqual([
      "responsiblePeople",
      "timeLimit",
    ]);
  });
});

describe("submitting and verifying rectification", () => {
  it("rejects a submission without an after photo", () => {
    const result = applyTransition(
      dangerAt("rectifying"),
      { type: "submit_rectification", note: "Done", photoIds: [] },
      context({ userId: "rectifier" }),
    );
    expectRejected(result, "photos_required");
  });

  it("rejects a submission without a note", () => {
    const result = applyTransition(
      dangerAt("rectifying"),
      { type: "submit_rectification", note: "", photoIds: ["p"] },
      context({ userId: "rectifier" }),
    );
    expectRejected(result, "note_required");
  });

  it("records the submitter as rectifier, with the note and photos in the event", () => {
    const result = accepted(
      applyTransition(dangerAt("rectifying"), action("submit_rectification"), context({ userId: "rectifier" })),
    );
    expect(result.state).toMatchObject({ status: "awaiting_verification", rectifierId: "rectifier" });
    expect(result.event).toMatchObject({
      actorId: "rectifier",
      comment: "Guard refitted and bolted",
      photoIds: ["photo-after"],
    });
  });

  it("withdraws a pending extension when the rectification is submitted", () => {
    const pending = {
      requesterId: "rectifier",
      requesterAuthority: 1,
      requestedAt: NOW,
      newDeadline: daysFromNow(14),
      reason: "Part on order",
    };
    const state = dangerAt("rectifying", { pendingExtension: pending });
    const result = accepted(applyTransition(state, action("submit_rectification"), context({ userId: "rectifier" })));
    expect(result.state.pendingExtension).toBeNull();
  });

  it.each(["verify_pass", "verify_fail"] as const)("rejects %s by the rectifier", (type) => {
    const result = applyTransition(dangerAt("awaiting_verification"), action(type), context({ userId: "rectifier" }));
    expectRejected(result, "verifier_is_rectifier");
    expect(!result.ok && result.error.text.en).toContain("verifier cannot be the rectifier");
  });

  it("does not offer verification to the rectifier", () => {
    const actions = availableActions(dangerAt("awaiting_verification"), context({ userId: "rectifier" }));
    expect(actions).not.toContain("verify_pass");
    expect(actions).not.toContain("verify_fail");
  });

  it("closes on a passed verification, recording verifier and time", () => {
    const result = accepted(applyTransition(dangerAt("awaiting_verification"), action("verify_pass"), context()));
    expect(result.state).toMatchObject({ status: "closed", verifierId: "manager", closedAt: NOW });
  });

  it("sends a failed verification back to rectifying with its reason and counts it", () => {
    const result = accepted(applyTransition(dangerAt("awaiting_verification"), action("verify_fail"), context()));
    expect(result.state.status).toBe("rectifying");
    expect(result.state.counters.verificationFailures).toBe(1);
    expect(result.event.comment).toBe("Two bolts missing");
  });

  it("rejects a failed verification without a reason", () => {
    expectRejected(
      applyTransition(dangerAt("awaiting_verification"), { type: "verify_fail", reason: "" }, context()),
      "reason_required",
    );
  });

  it("lets the earlier verifier rectify after a failure, and then not verify their own work", () => {
    const failed = accepted(applyTransition(dangerAt("awaiting_verification"), action("verify_fail"), context()));
    const resubmitted = accepted(applyTransition(failed.state, action("submit_rectification"), context()));
    expect(resubmitted.state.rectifierId).toBe("manager");
    expectRejected(applyTransition(resubmitted.state, action("verify_pass"), context()), "verifier_is_rectifier");
    expect(applyTransition(resubmitted.state, action("verify_pass"), context({ userId: "rectifier" })).ok).toBe(true);
  });
});

describe("deadline extensions", () => {
  const requester = () => context({ userId: "responsible", role: "employee", authority: 1 });
  const requested = () =>
    accepted(applyTransition(dangerAt("rectifying"), action("request_extension"), requester())).state;

  it("keeps the request pending with the requester's authority, leaving the deadline as it was", () => {
    const state = requested();
    expect(state.status).toBe("rectifying");
    expect(state.deadline).toEqual(daysFromNow(7));
    expect(state.pendingExtension).toMatchObject({ requesterId: "responsible", requesterAuthority: 1 });
  });

  it("rejects a new deadline that is not later than the current one", () => {
    const result = applyTransition(
      dangerAt("rectifying"),
      { type: "request_extension", newDeadline: daysFromNow(7), reason: "More time" },
      requester(),
    );
    expectRejected(result, "extension_not_later");
  });

  it("rejects a request without a reason", () => {
    const result = applyTransition(
      dangerAt("rectifying"),
      { type: "request_extension", newDeadline: daysFromNow(10), reason: "" },
      requester(),
    );
    expectRejected(result, "reason_required");
  });

  it("rejects a second request while one is pending", () => {
    expectRejected(applyTransition(requested(), action("request_extension"), requester()), "extension_pending");
  });

  it.each([
    [1, "the same level"],
    [0, "a lower level"],
  ])("rejects an approval at authority %i, %s", (authority) => {
    const peer = context({ userId: "peer", authority });
    expectRejected(applyTransition(requested(), action("approve_extension"), peer), "authority_not_higher");
    expectRejected(applyTransition(requested(), action("reject_extension"), peer), "authority_not_higher");
    expect(availableActions(requested(), peer)).not.toContain("approve_extension");
  });

  it("moves the deadline when the level above approves", () => {
    const result = accepted(applyTransition(requested(), action("approve_extension"), context({ authority: 2 })));
    expect(result.state.deadline).toEqual(daysFromNow(14));
    expect(result.state.pendingExtension).toBeNull();
    expect(result.state.counters.extensionsApproved).toBe(1);
  });

  it("keeps the deadline when the level above rejects, and allows a new request", () => {
    const result = accepted(applyTransition(requested(), action("reject_extension"), context({ authority: 2 })));
    expect(result.state.deadline).toEqual(daysFromNow(7));
    expect(result.state.counters.extensionsRejected).toBe(1);
    expect(applyTransition(result.state, action("request_extension"), requester()).ok).toBe(true);
  });

  it("rejects a rejection without a reason", () => {
    const result = applyTransition(requested(), { type: "reject_extension", reason: "" }, context({ authority: 2 }));
    expectRejected(result, "reason_required");
  });

  it("rejects a decision when nothing is pending", () => {
    expectRejected(
      applyTransition(dangerAt("rectifying"), action("approve_extension"), context()),
      "no_pending_extension",
    );
  });
});

describe("government supervision of major hidden dangers", () => {
  const major = (status: HiddenDangerStatus = "rectifying", listed = false) =>
    dangerAt(status, {
      level: "major",
      plan: plan(),
      supervision: { ...danger().supervision, listed, listedAt: listed ? daysFromNow(-5) : null },
    });

  it("lists a major danger with a progress interval and records who listed it", () => {
    const result = accepted(applyTransition(major(), action("list_for_supervision"), government()));
    expect(result.state.supervision).toMatchObject({
      listed: true,
      listedAt: NOW,
      listedBy: "inspector",
      progressIntervalDays: 7,
    });
  });

  it.each(["list_for_supervision", "require_progress_report", "delist"] as const)(
    "rejects %s by an enterprise user",
    (type) => {
      const state =
        type === "list_for_supervision" ? major() : major(type === "delist" ? "closed" : "rectifying", true);
      expectRejected(applyTransition(state, action(type), context({ authority: 99 })), "government_only");
    },
  );

  it("rejects listing a general danger", () => {
    expectRejected(applyTransition(dangerAt("rectifying"), action("list_for_supervision"), government()), "major_only");
  });

  it("rejects listing one already listed", () => {
    expectRejected(
      applyTransition(major("rectifying", true), action("list_for_supervision"), government()),
      "already_listed",
    );
  });

  it("rejects a progress interval that is not a whole positive number of days", () => {
    for (const intervalDays of [0, -7, 1.5]) {
      expectRejected(
        applyTransition(major("rectifying", true), { type: "require_progress_report", intervalDays }, government()),
        "invalid_interval",
      );
    }
  });

  it("sets the progress interval on a listed danger", () => {
    const result = accepted(
      applyTransition(major("rectifying", true), { type: "require_progress_report", intervalDays: 14 }, government()),
    );
    expect(result.state.supervision.progressIntervalDays).toBe(14);
  });

  it("records a progress report on a listed danger", () => {
    const result = accepted(applyTransition(major("rectifying", true), action("report_progress"), context()));
    expect(result.state.supervision.lastProgressReportAt).toEqual(NOW);
    expect(result.state.counters.progressReports).toBe(1);
  });

  it("rejects a progress report on a danger that is not listed", () => {
    expectRejected(applyTransition(major(), action("report_progress"), context()), "not_listed");
  });

  it.each(["confirmed", "rectifying", "awaiting_verification"] as const)(
    "rejects delisting while %s: only a verified, closed danger is delisted",
    (status) => {
      expectRejected(applyTransition(major(status, true), action("delist"), government()), "illegal_transition");
    },
  );

  it("delists a closed major danger, which stays closed", () => {
    const result = accepted(applyTransition(major("closed", true), action("delist"), government()));
    expect(result.state.status).toBe("closed");
    expect(result.state.supervision).toMatchObject({ listed: false, delistedAt: NOW });
  });

  it("rejects delisting a closed danger that was never listed", () => {
    expectRejected(applyTransition(major("closed", false), action("delist"), government()), "not_listed");
  });

  it("offers government only delisting on a closed, listed major danger", () => {
    expect(availableActions(major("closed", true), government())).toEqual(["delist"]);
    expect(availableActions(major("closed", true), context())).toEqual([]);
  });
});

describe("closing a general hidden danger on the spot", () => {
  const supervisor = () => context({ userId: "team-lead", authority: 1 }, { finderSupervisorIds: ["team-lead"] });

  it("closes in one step with before and after photos, the supervisor as verifier", () => {
    const result = accepted(applyTransition(dangerAt("reported"), action("close_on_spot"), supervisor()));
    expect(result.state).toMatchObject({
      status: "closed",
      level: "general",
      rectifierId: "finder",
      verifierId: "team-lead",
      closedAt: NOW,
    });
    expect(result.event).toMatchObject({ from: "reported", to: "closed", photoIds: ["photo-before", "photo-after"] });
  });

  it("rejects closing without a before photo", () => {
    const result = applyTransition(
      dangerAt("reported"),
      { type: "close_on_spot", beforePhotoIds: [], afterPhotoIds: ["a"] },
      supervisor(),
    );
    expectRejected(result, "before_photo_required");
  });

  it("rejects closing without an after photo", () => {
    const result = applyTransition(
      dangerAt("reported"),
      { type: "close_on_spot", beforePhotoIds: ["b"], afterPhotoIds: [] },
      supervisor(),
    );
    expectRejected(result, "after_photo_required");
  });

  it("rejects the finder closing their own find", () => {
    const finder = context({ userId: "finder" }, { finderSupervisorIds: ["finder"] });
    expectRejected(applyTransition(dangerAt("reported"), action("close_on_spot"), finder), "finder_cannot_close");
  });

  it("rejects someone who is not the finder's supervisor", () => {
    const stranger = context({ userId: "someone", authority: 9 }, { finderSupervisorIds: ["team-lead"] });
    expectRejected(applyTransition(dangerAt("reported"), action("close_on_spot"), stranger), "not_finder_supervisor");
  });

  it("rejects a danger reported as major", () => {
    expectRejected(
      applyTransition(dangerAt("reported", { level: "major" }), action("close_on_spot"), supervisor()),
      "major_not_on_spot",
    );
  });

  it("rejects a supervisor closing what they fixed themselves", () => {
    const result = applyTransition(
      dangerAt("reported"),
      { ...action("close_on_spot"), rectifierId: "team-lead" },
      supervisor(),
    );
    expectRejected(result, "verifier_is_rectifier");
  });

  it("offers closing on the spot only to the finder's supervisor", () => {
    expect(availableActions(dangerAt("reported"), supervisor())).toEqual(["confirm", "dismiss", "close_on_spot"]);
    expect(availableActions(dangerAt("reported"), context())).toEqual(["confirm", "dismiss"]);
  });
});

describe("applyTransition", () => {
  it("leaves the given state untouched", () => {
    const state = dangerAt("awaiting_verification");
    const before = structuredClone(state);
    applyTransition(state, action("verify_fail"), context());
    expect(state).toEqual(before);
  });

  it("records who, in which role, when, the comment and the photos of every step", () => {
    const result = accepted(
      applyTransition(
        dangerAt("awaiting_verification"),
        { type: "verify_pass", comment: "Checked in place", photoIds: ["v1", "v2"] },
        context({ userId: "verifier", role: "safety_manager" }),
      ),
    );
    expect(result.event).toEqual({
      action: "verify_pass",
      from: "awaiting_verification",
      to: "closed",
      actorId: "verifier",
      actorRole: "safety_manager",
      at: NOW,
      comment: "Checked in place",
      photoIds: ["v1", "v2"],
      payload: { type: "verify_pass", comment: "Checked in place", photoIds: ["v1", "v2"] },
    });
  });
});
