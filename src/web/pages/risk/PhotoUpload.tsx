import { PlusOutlined } from "@ant-design/icons";
import { App, Image, Upload, type UploadFile } from "antd";
import { useRef, useState } from "react";
import { api, apiUrl, errorMessage } from "../../api/client";
import type { Attachment } from "../../api/types";
import { useT } from "../../i18n";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = ["image/jpeg", "image/png", "image/webp"];
const MAX_PHOTOS = 20;

export const photoUrl = (id: string) => apiUrl(`/attachments/${id}`);

/**
 * Photos of a place (JPEG, PNG or WebP up to 10 MB): uploaded to the register's owner at once, kept as attachment
 * ids in the form, shown as thumbnails that open large.
 */
export function PhotoUpload({
  ownerId,
  value = [],
  onChange,
}: {
  ownerId: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<string | null>(null);
  // Several photos may finish uploading one after the other: each adds to the latest list, not the one it started with.
  const latest = useRef(value);
  latest.current = value;

  const fileList: UploadFile[] = [
    ...value.map((id) => ({
      uid: id,
      name: names[id] ?? t("risk.photo"),
      status: "done" as const,
      url: photoUrl(id),
      thumbUrl: photoUrl(id),
    })),
    ...uploading,
  ];

  return (
    <>
      <Upload
        data-testid="risk-photo-upload"
        listType="picture-card"
        accept={ACCEPTED.join(",")}
        multiple
        fileList={fileList}
        beforeUpload={(file) => {
          if (!ACCEPTED.includes(file.type)) {
            message.error(t("risk.photoType", { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_BYTES) {
            message.error(t("risk.photoTooLarge", { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          const chosen = file as File & { uid: string };
          setUploading((current) => [...current, { uid: chosen.uid, name: chosen.name, status: "uploading" }]);
          const form = new FormData();
          form.append("file", chosen, chosen.name);
          try {
            const saved = await api.upload<Attachment>("/attachments", form, { ownerId });
            setNames((current) => ({ ...current, [saved.id]: saved.fileName }));
            latest.current = [...latest.current, saved.id];
            onChange?.(latest.current);
            onSuccess?.(saved);
          } catch (error) {
            message.error(errorMessage(error));
            onError?.(error as Error);
          } finally {
            setUploading((current) => current.filter((f) => f.uid !== chosen.uid));
          }
        }}
        onRemove={(file) => {
          onChange?.(value.filter((id) => id !== file.uid));
          return true;
        }}
        onPreview={(file) => setPreview(file.url ?? null)}
      >
        {fileList.length >= MAX_PHOTOS ? null : (
          <button type="button" style={{ border: 0, background: "none", cursor: "pointer" }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{t("risk.photoAdd")}</div>
          </button>
        )}
      </Upload>
      {preview && (
        <Image
          style={{ display: "none" }}
          src={preview}
          preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(null) }}
        />
      )}
    </>
  );
}
