import { Type } from "typebox";
import { FileResponse, Uuid } from "../../http/schemas";

export const UploadQuery = Type.Object({ ownerId: Uuid }, { additionalProperties: false });

export const Attachment = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});

export const Photo = FileResponse("image/*", "The photo as uploaded: JPEG, PNG or WebP");
