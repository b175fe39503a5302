import type { LightMyRequestResponse } from "fastify";
import type { App } from "../types";

/** The smallest valid PNG (1×1 pixel): a photo every upload check accepts. */
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const A_PHOTO: UploadedFile = { fileName: "p.png", contentType: "image/png", data: PNG };

/** A multipart/form-data body with one file in the field `file`, as the browser sends an upload. */
export function multipartFile(file: UploadedFile): { payload: Buffer; headers: { "content-type": string } } {
  const boundary = "----dualguard-test-upload";
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Posts a file to the attachments of `ownerId` (an enterprise or a territory) and returns the answer as it is. */
export function postAttachment(
  app: App,
  headers: Record<string, string>,
  ownerId: string,
  file: UploadedFile = A_PHOTO,
): Promise<LightMyRequestResponse> {
  const body = multipartFile(file);
  return app.inject({
    method: "POST",
    url: `/api/v1/attachments?ownerId=${ownerId}`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** Uploads a photo (a small PNG unless another file is given) for `ownerId` and returns its attachment id. */
export async function uploadPhoto(
  app: App,
  headers: Record<string, string>,
  ownerId: string,
  file: UploadedFile = A_PHOTO,
): Promise<string> {
  const response = await postAttachment(app, headers, ownerId, file);
  if (response.statusCode !== 201) throw new Error(`photo upload failed: ${response.statusCode} ${response.body}`);
  return response.json().id as string;
}
