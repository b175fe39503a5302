import { CameraOutlined, LoadingOutlined } from "@ant-design/icons";
import { App, Button, Image, Space } from "antd";
import { useRef, useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { Attachment } from "../../api/types";
import { useT } from "../../i18n";
import { photoUrl } from "../risk/PhotoUpload";

/**
 * A phone's camera as one big button: `capture="environment"` opens the rear camera, a computer offers its files.
 * Each photo is uploaded to the enterprise at once and kept as an attachment id.
 */
export function PhotoCapture({
  ownerId,
  value = [],
  onChange,
  label,
  testId = "photo-capture",
  size = "large",
}: {
  ownerId: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  label?: string;
  testId?: string;
  size?: "large" | "middle";
}) {
  const t = useT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const latest = useRef(value);
  latest.current = value;

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setUploading(true);
    try {
      for (const file of Array.from(files)) {
        const form = new FormData();
        form.append("file", file, file.name);
        const saved = await api.upload<Attachment>("/attachments", form, { ownerId });
        latest.current = [...latest.current, saved.id];
        onChange?.(latest.current);
      }
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: "none" }}
        data-testid={`${testId}-input`}
        onChange={(event) => upload(event.target.files)}
      />
      {value.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap style={{ marginBottom: 8 }}>
            {value.map((id) => (
              <Image
                key={id}
                src={photoUrl(id)}
                width={size === "large" ? 96 : 64}
                height={size === "large" ? 96 : 64}
                style={{ objectFit: "cover", borderRadius: 6 }}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <Button
        block={size === "large"}
        size={size}
        icon={uploading ? <LoadingOutlined /> : <CameraOutlined />}
        onClick={() => input.current?.click()}
        disabled={uploading}
        data-testid={testId}
        style={size === "large" ? { height: 56, fontSize: 17 } : undefined}
      >
        {uploading ? t("report.uploading") : (label ?? (value.length ? t("report.morePhoto") : t("report.takePhoto")))}
      </Button>
    </div>
  );
}

/** Thumbnails of stored photos that open large. */
export function PhotoStrip({ ids, size = 88 }: { ids: string[]; size?: number }) {
  const t = useT();
  if (ids.length === 0) return <span style={{ color: "#999" }}>{t("hd.noPhotos")}</span>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {ids.map((id) => (
          <Image
            key={id}
            src={photoUrl(id)}
            width={size}
            height={size}
            style={{ objectFit: "cover", borderRadius: 6 }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
