import { text } from "../../../domain/text";
import { AppError } from "../../errors";
import { IdParams } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { resolveOwner } from "../risk-register/register-owner";
import { findPhoto } from "./find-photo";
import { Attachment, Photo, UploadQuery } from "./schema";
import { MAX_PHOTO_BYTES, uploadPhoto } from "./upload-photo";

const TAGS = ["attachments"];

export async function attachmentRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/attachments",
    {
      config: { permission: ["risk:write", "risk:public-write", "hidden-danger:report"] },
      schema: {
        tags: TAGS,
        summary: "Upload a photo (JPEG, PNG or WebP, up to 10 MB) for an enterprise's or a territory's records",
        querystring: UploadQuery,
        consumes: ["multipart/form-data"],
        response: { 201: Attachment },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // Anyone who may report a hidden danger for the owner may photograph it; registers need their write permission.
      const owner = await resolveOwner(
        db,
        principal,
        request.query.ownerId,
        principal.permissions.includes("hidden-danger:report") ? "read" : "write",
      );
      const file = request.isMultipart() ? await request.file({ limits: { fileSize: MAX_PHOTO_BYTES } }) : undefined;
      if (!file) {
        throw new AppError(
          "UNSUPPORTED_FILE",
          text(
            "请以 multipart/form-data 上传照片，字段名为 file",
            "Upload the photo as multipart/form-data in a field named file",
          ),
        );
      }
      const photo = { fileName: file.filename, data: await file.toBuffer() };
      return reply.status(201).send(await uploadPhoto(db, principal, actorOf(request), owner, photo));
    },
  );

  app.get(
    "/attachments/:id",
    {
      config: { permission: "risk:read" },
      schema: { tags: TAGS, summary: "Download a photo", params: IdParams, response: { 200: Photo } },
    },
    async (request, reply) => {
      const photo = await findPhoto(db, principalOf(request), request.params.id);
      return reply
        .header("content-type", photo.content_type)
        .header("cache-control", "private, max-age=86400")
        .header("etag", `"${photo.sha256}"`)
        .send(photo.data);
    },
  );
}
