import { IdParams } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { addGb18218Substance } from "./add-gb18218-substance";
import { changeMajorHazardUnit } from "./change-major-hazard-unit";
import { decideMajorHazardFiling } from "./decide-major-hazard-filing";
import { declareMajorHazardUnit } from "./declare-major-hazard-unit";
import { fileMajorHazard } from "./file-major-hazard";
import { loadThresholdTable } from "./gb18218-table";
import { findFilings, findUnits, loadFiling, loadUnit, unitFor } from "./major-hazard-queries";
import { presentThresholdTable } from "./present-major-hazard";
import {
  DecisionBody,
  Filing,
  FilingBody,
  FilingList,
  FilingListQuery,
  Gb18218Query,
  Gb18218Table,
  SubstanceAdded,
  SubstanceBody,
  Unit,
  UnitBody,
  UnitCreateBody,
  UnitList,
  UnitListQuery,
} from "./schema";

const TAGS = ["major hazards"];

export async function majorHazardRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/major-hazard-units",
    {
      config: { permission: "major-hazard:read" },
      schema: {
        tags: TAGS,
        summary: "Hazardous chemicals units (plant or storage areas) in the caller's scope",
        querystring: UnitListQuery,
        response: { 200: UnitList },
      },
    },
    async (request) => findUnits(db, principalOf(request), request.query),
  );

  app.post(
    "/major-hazard-units",
    {
      config: { permission: "major-hazard:write" },
      schema: {
        tags: TAGS,
        summary:
          "Declare a unit with its hazardous chemicals (by CAS) and design maximum quantities; it is identified at once",
        body: UnitCreateBody,
        response: { 201: Unit },
      },
    },
    async (request, reply) => {
      const unit = await declareMajorHazardUnit(db, principalOf(request), actorOf(request), request.body);
      return reply.status(201).send(await loadUnit(db, unit.enterpriseId, unit.id));
    },
  );

  app.get(
    "/major-hazard-units/:id",
    {
      config: { permission: "major-hazard:read" },
      schema: {
        tags: TAGS,
        summary: "A unit with its substances, every term of its identification, and its filings",
        params: IdParams,
        response: { 200: Unit },
      },
    },
    async (request) => {
      const unit = await unitFor(db, principalOf(request), request.params.id, "read");
      return loadUnit(db, unit.enterprise_id, unit.id);
    },
  );

  app.put(
    "/major-hazard-units/:id",
    {
      config: { permission: "major-hazard:write" },
      schema: {
        tags: TAGS,
        summary: "Change a unit and its substances; it is identified again with the current table",
        params: IdParams,
        body: UnitBody,
        response: { 200: Unit },
      },
    },
    async (request) => {
      const unit = await changeMajorHazardUnit(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return loadUnit(db, unit.enterpriseId, unit.id);
    },
  );

  app.post(
    "/major-hazard-units/:id/filings",
    {
      config: { permission: "major-hazard:write" },
      schema: {
        tags: TAGS,
        summary:
          "File a major hazard source with the territory's emergency management department (Work Safety Law art. 40)",
        params: IdParams,
        body: FilingBody,
        response: { 201: Filing },
      },
    },
    async (request, reply) => {
      const filing = await fileMajorHazard(db, principalOf(request), actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await loadFiling(db, filing.enterpriseId, filing.id));
    },
  );

  app.get(
    "/major-hazard-filings",
    {
      config: { permission: "major-hazard:read" },
      schema: {
        tags: TAGS,
        summary: "Major hazard filings in the caller's scope (government sees its territory's)",
        querystring: FilingListQuery,
        response: { 200: FilingList },
      },
    },
    async (request) => findFilings(db, principalOf(request), request.query),
  );

  app.post(
    "/major-hazard-filings/:id/decision",
    {
      config: { permission: "major-hazard:decide" },
      schema: {
        tags: TAGS,
        summary: "Accept a filing (it becomes read-only) or return it with a reason",
        params: IdParams,
        body: DecisionBody,
        response: { 200: Filing },
      },
    },
    async (request) => {
      const filing = await decideMajorHazardFiling(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return loadFiling(db, filing.enterpriseId, filing.id);
    },
  );

  app.get(
    "/reference/gb18218",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: TAGS,
        summary: "The current GB 18218 threshold table (named substances, classes, β)",
        querystring: Gb18218Query,
        response: { 200: Gb18218Table },
      },
    },
    async (request) => presentThresholdTable(await loadThresholdTable(db, request.query.version)),
  );

  app.post(
    "/reference/gb18218/substances",
    {
      config: { permission: "risk-settings:write" },
      schema: {
        tags: TAGS,
        summary: "Add a substance; this makes a new table version, and earlier results keep the version they used",
        body: SubstanceBody,
        response: { 200: SubstanceAdded },
      },
    },
    async (request) => addGb18218Substance(db, principalOf(request), actorOf(request), request.body),
  );
}
